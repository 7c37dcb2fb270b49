import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoDirective } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';

/**
 * The conclusion of one agenda item (the one under discussion unless another is picked), written by the
 * chair or secretary. What is being typed is never overwritten by someone else's save.
 */
@Component({
  selector: 'ec-conclusion-editor',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslocoDirective],
  template: `
    <ng-container *transloco="let t; prefix: 'live.conclusion'">
      <section aria-labelledby="live-conclusion-title" data-testid="live-conclusion">
        <h2 id="live-conclusion-title" class="title">{{ t('title') }}</h2>
        @if (store.agenda().length) {
          <form class="form" (submit)="$event.preventDefault(); save()">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ t('item') }}</mat-label>
              <mat-select data-testid="live-conclusion-item" [value]="itemId()" (selectionChange)="pick($event.value)">
                @for (item of store.agenda(); track item.id) {
                  <mat-option [value]="item.id">{{ item.position }}. {{ item.title }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ t('text') }}</mat-label>
              <textarea
                matInput
                name="conclusion"
                rows="5"
                maxlength="20000"
                data-testid="live-conclusion-text"
                [ngModel]="draft()"
                (ngModelChange)="edit($event)"
              ></textarea>
            </mat-form-field>
            <div class="footer">
              @if (saved(); as saved) {
                <p class="meta" data-testid="live-conclusion-saved">
                  {{ t('savedBy', { name: saved.updatedByName }) }}
                </p>
              }
              <button
                mat-flat-button
                type="submit"
                class="action"
                data-testid="live-conclusion-save"
                [disabled]="!itemId() || !dirty() || store.busy('conclusion')"
              >
                {{ t('save') }}
              </button>
            </div>
          </form>
        } @else {
          <p class="meta">{{ t('noAgenda') }}</p>
        }
      </section>
    </ng-container>
  `,
  styles: `
    :host {
      display: block;
    }
    .title {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .form {
      display: grid;
      gap: 8px;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .meta {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .action {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConclusionEditor {
  protected readonly store = inject(LivePageStore);
  /** Undefined: the item under discussion (or the first). */
  private readonly picked = signal<string | undefined>(undefined);
  protected readonly itemId = computed(
    () => this.picked() ?? this.store.currentItemId() ?? this.store.agenda()[0]?.id ?? null,
  );
  protected readonly saved = computed(
    () => this.store.live.conclusions()?.find((entry) => entry.agendaItemId === this.itemId()) ?? null,
  );
  protected readonly draft = signal('');
  protected readonly dirty = signal(false);

  constructor() {
    // The saved text shows until someone types; then the typing wins.
    effect(() => {
      const text = this.saved()?.text ?? '';
      this.itemId();
      untracked(() => {
        if (!this.dirty()) this.draft.set(text);
      });
    });
  }

  protected pick(itemId: string): void {
    this.picked.set(itemId);
    this.dirty.set(false);
    this.draft.set(this.saved()?.text ?? '');
  }

  protected edit(text: string): void {
    this.draft.set(text);
    this.dirty.set(true);
  }

  protected async save(): Promise<void> {
    const agendaItemId = this.itemId();
    if (!agendaItemId) {
      return;
    }
    const result = await this.store.run('conclusion', 'conclusion:set', { agendaItemId, text: this.draft() });
    if (result.ok) {
      this.dirty.set(false);
    }
  }
}
