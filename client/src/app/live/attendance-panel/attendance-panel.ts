import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AttendanceEntry, AttendanceStatus, DEFAULT_QUORUM_RULE, QuorumRule } from '@app/shared';
import { TranslocoDirective, TranslocoPipe } from '@jsverse/transloco';

import { LivePageStore } from '../live-page/live-page-store';
import { QuorumStatus } from '../quorum-status/quorum-status';

/** Quorum rules the chair picks from; the server accepts any n/d with strict or not. */
export const QUORUM_RULES: { key: string; rule: QuorumRule }[] = [
  { key: 'half', rule: DEFAULT_QUORUM_RULE },
  { key: 'twoThirds', rule: { numerator: 2, denominator: 3, strict: false } },
  { key: 'threeQuarters', rule: { numerator: 3, denominator: 4, strict: false } },
];

const ruleKey = (rule: QuorumRule) =>
  QUORUM_RULES.find(
    (r) =>
      r.rule.numerator === rule.numerator && r.rule.denominator === rule.denominator && r.rule.strict === rule.strict,
  )?.key ?? null;

/** Who is here, how (in person, online, in their commune's room) and the quorum; organisers check people in. */
@Component({
  selector: 'ec-attendance-panel',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslocoDirective,
    TranslocoPipe,
    QuorumStatus,
  ],
  templateUrl: './attendance-panel.html',
  styleUrl: './attendance-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendancePanel {
  protected readonly store = inject(LivePageStore);
  protected readonly attendance = this.store.live.attendance;
  protected readonly rules = QUORUM_RULES;
  protected readonly ruleKey = computed(() => {
    const rule = this.attendance()?.quorum.rule;
    return rule ? ruleKey(rule) : null;
  });
  /** The row whose absence reason is being written. */
  protected readonly absentDraft = signal<{ participantId: string; reason: string } | null>(null);
  protected readonly counts = computed(() => {
    const counts: Record<AttendanceStatus, number> = { in_person: 0, online: 0, absent: 0, unknown: 0 };
    for (const entry of this.attendance()?.entries ?? []) counts[entry.status]++;
    return counts;
  });
  protected readonly names = computed(
    () => new Map((this.attendance()?.entries ?? []).map((entry) => [entry.participantId, entry.displayName])),
  );

  protected mark(entry: AttendanceEntry, status: 'in_person' | 'online'): void {
    this.absentDraft.set(null);
    void this.store.run(`check-in:${entry.participantId}`, 'attendance:check-in', {
      participantId: entry.participantId,
      status,
    });
  }

  protected startAbsent(entry: AttendanceEntry): void {
    this.absentDraft.set({ participantId: entry.participantId, reason: entry.reason ?? '' });
  }

  protected async saveAbsent(): Promise<void> {
    const draft = this.absentDraft();
    if (!draft) {
      return;
    }
    const reason = draft.reason.trim();
    const result = await this.store.run(`check-in:${draft.participantId}`, 'attendance:check-in', {
      participantId: draft.participantId,
      status: 'absent',
      ...(reason ? { reason } : {}),
    });
    if (result.ok) {
      this.absentDraft.set(null);
    }
  }

  protected setReason(reason: string): void {
    this.absentDraft.update((draft) => (draft ? { ...draft, reason } : draft));
  }

  protected setRule(key: string): void {
    const rule = QUORUM_RULES.find((r) => r.key === key)?.rule;
    if (rule) {
      void this.store.run('quorum-rule', 'attendance:quorum-rule', { rule });
    }
  }
}
