import type { UserRole } from '@app/shared';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import { OrganisationUnit } from './organisation-unit.entity';

/** A person's account, or a commune site's shared meeting-room account (role `commune_site`). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id PHC string; never leaves the server. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar' })
  unitId!: string;

  @ManyToOne(() => OrganisationUnit, { onDelete: 'RESTRICT' })
  unit!: OrganisationUnit;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn()
  createdAt!: Date;

  @UpdateDateColumn()
  updatedAt!: Date;
}
