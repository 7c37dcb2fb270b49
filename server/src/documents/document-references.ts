import type { FieldError } from '@app/shared';
import { EntityManager, In } from 'typeorm';

import { ValidationError } from '../common/errors/domain-errors';
import { AgendaItem } from '../meetings/agenda-item.entity';
import { Participant } from '../meetings/participant.entity';

/** The agenda item and the named readers must belong to the same meeting as the document. */
export async function checkReferences(
  manager: EntityManager,
  meetingId: string,
  refs: { agendaItemId?: string | null; readerIds?: string[] },
): Promise<void> {
  const errors: FieldError[] = [];
  if (refs.agendaItemId) {
    const item = await manager.findOneBy(AgendaItem, { id: refs.agendaItemId, meetingId });
    if (!item) {
      errors.push({
        path: 'agendaItemId',
        message: 'Mục chương trình không thuộc cuộc họp này / No such agenda item in this meeting',
      });
    }
  }
  const readerIds = [...new Set(refs.readerIds ?? [])];
  if (readerIds.length) {
    const found = await manager.findBy(Participant, { meetingId, userId: In(readerIds) });
    const known = new Set(found.map((p) => p.userId));
    const unknown = readerIds.filter((id) => !known.has(id));
    if (unknown.length) {
      errors.push({
        path: 'readerIds',
        message: `Không phải thành viên cuộc họp / Not participants of this meeting: ${unknown.join(', ')}`,
      });
    }
  }
  if (errors.length) throw new ValidationError('Dữ liệu không hợp lệ / Invalid input', errors);
}
