import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { OpenPollRequest, OpenPollSchema, PollKind, PollKindSchema } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../core/icons/icon';
import { LivePageStore } from '../live-page/live-page-store';

/** Why the form cannot be sent, as a translation key under `live.poll.invalid`. */
export type PollFormProblem = 'question' | 'options' | 'optionsDiffer' | 'maxChoices';

export interface PollFormValue {
  question: string;
  agendaItemId: string | null;
  kind: PollKind;
  custom: boolean;
  options: string[];
  multiple: boolean;
  maxChoices: number;
}

/** The request the form describes, or what is wrong with it (checked with the server's own schema). */
export function pollRequest(
  meetingId: string,
  value: PollFormValue,
): { request: OpenPollRequest } | { problem: PollFormProblem } {
  const options = value.custom ? value.options.map((o) => o.trim()).filter(Boolean) : undefined;
  const count = options?.length ?? 3;
  if (!value.question.trim()) return { problem: 'question' };
  if (options && options.length < 2) return { problem: 'options' };
  if (options && new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
    return { problem: 'optionsDiffer' };
  }
  const maxChoices = value.multiple ? value.maxChoices : 1;
  if (!Number.isInteger(maxChoices) || maxChoices < 1 || maxChoices > count) return { problem: 'maxChoices' };
  const request: OpenPollRequest = {
    meetingId,
    agendaItemId: value.agendaItemId,
    question: value.question.trim(),
    kind: value.kind,
    maxChoices,
    ...(options ? { options } : {}),
  };
  return OpenPollSchema.safeParse(request).success ? { request } : { problem: 'question' };
}

/** The chair opens a poll: question, agenda item, open / named / secret, yes-no-abstain or own options, one or several choices. */
@Component({
  selector: 'ec-poll-form',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
    TranslocoDirective,
    Icon,
  ],
  templateUrl: './poll-form.html',
  styleUrl: './poll-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PollForm {
  protected readonly store = inject(LivePageStore);
  protected readonly kinds = PollKindSchema.options;

  protected readonly question = signal('');
  /** Undefined: the item under discussion. */
  private readonly chosenItem = signal<string | null | undefined>(undefined);
  protected readonly agendaItemId = computed(() => {
    const chosen = this.chosenItem();
    return chosen === undefined ? this.store.currentItemId() : chosen;
  });
  protected readonly kind = signal<PollKind>('open');
  protected readonly custom = signal(false);
  protected readonly options = signal<string[]>(['', '']);
  protected readonly multiple = signal(false);
  protected readonly maxChoices = signal(2);
  protected readonly problem = signal<PollFormProblem | null>(null);

  protected chooseItem(id: string | null): void {
    this.chosenItem.set(id);
  }

  protected setOption(index: number, text: string): void {
    this.options.update((options) => options.map((o, i) => (i === index ? text : o)));
  }

  protected addOption(): void {
    this.options.update((options) => [...options, '']);
  }

  protected removeOption(index: number): void {
    this.options.update((options) => options.filter((_, i) => i !== index));
  }

  protected async open(): Promise<void> {
    const meetingId = this.store.meetingId();
    if (!meetingId) {
      return;
    }
    const built = pollRequest(meetingId, {
      question: this.question(),
      agendaItemId: this.agendaItemId(),
      kind: this.kind(),
      custom: this.custom(),
      options: this.options(),
      multiple: this.multiple(),
      maxChoices: Number(this.maxChoices()),
    });
    if ('problem' in built) {
      this.problem.set(built.problem);
      return;
    }
    this.problem.set(null);
    const result = await this.store.run('poll-open', 'poll:open', built.request);
    if (result.ok) {
      this.question.set('');
      this.options.set(['', '']);
      this.custom.set(false);
      this.multiple.set(false);
    }
  }
}
