import type { OrganisationUnitKind } from '@app/shared';
import { Column, CreateDateColumn, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';

/** A district or one of its communes. Communes point at their district. */
@Entity('organisation_units')
export class OrganisationUnit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: OrganisationUnitKind;

  @Column({ type: 'varchar', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => OrganisationUnit, (unit) => unit.children, { nullable: true, onDelete: 'RESTRICT' })
  parent!: OrganisationUnit | null;

  @OneToMany(() => OrganisationUnit, (unit) => unit.parent)
  children!: OrganisationUnit[];

  @CreateDateColumn()
  createdAt!: Date;
}
