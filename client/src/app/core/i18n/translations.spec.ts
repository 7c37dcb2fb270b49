import {
  AuditActionSchema,
  DocumentFailureReasonSchema,
  DocumentStageSchema,
  MeetingModeSchema,
  MeetingRoleSchema,
  MeetingStatusSchema,
  UserRoleSchema,
} from '@app/shared';

import { translations } from '../../../testing/transloco-testing';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((keys, [key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? { ...keys, [path]: value } : { ...keys, ...flatten(value, path) };
  }, {});
}

describe('translation files', () => {
  const vi = flatten(translations.vi);
  const en = flatten(translations.en);

  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  it('have no empty texts', () => {
    expect(Object.entries({ ...vi }).filter(([, text]) => !text.trim())).toEqual([]);
    expect(Object.entries({ ...en }).filter(([, text]) => !text.trim())).toEqual([]);
  });

  it('name every meeting status and mode of the shared contract', () => {
    for (const status of MeetingStatusSchema.options) {
      expect(vi[`meetings.status.${status}`]).toBeTruthy();
    }
    for (const mode of MeetingModeSchema.options) {
      expect(vi[`meetings.mode.${mode}`]).toBeTruthy();
    }
  });

  it('name every role, transition, processing stage, failure and audit action of the shared contract', () => {
    for (const lang of [vi, en]) {
      for (const role of MeetingRoleSchema.options) expect(lang[`meetings.role.${role}`]).toBeTruthy();
      for (const role of UserRoleSchema.options) expect(lang[`shell.user.role.${role}`]).toBeTruthy();
      for (const status of MeetingStatusSchema.options) expect(lang[`meetings.transition.${status}`]).toBeTruthy();
      for (const stage of DocumentStageSchema.options) expect(lang[`documents.stage.${stage}`]).toBeTruthy();
      for (const reason of DocumentFailureReasonSchema.options)
        expect(lang[`documents.failure.${reason}`]).toBeTruthy();
      for (const action of AuditActionSchema.options) expect(lang[`audit.actions.${action}`]).toBeTruthy();
    }
  });

  it('use Vietnamese with its diacritics', () => {
    expect(vi).toMatchObject({
      'meetings.title': 'Cuộc họp',
      'meetings.upcoming': 'Sắp diễn ra',
      'meetings.status.scheduled': 'Đã lên lịch',
      'meetings.mode.in_person': 'Trực tiếp',
      'meetings.mode.online': 'Trực tuyến',
      'meetings.mode.hybrid': 'Kết hợp',
      'meetings.field.place': 'Địa điểm',
      'meetings.field.time': 'Thời gian',
    });
  });
});
