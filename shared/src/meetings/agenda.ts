import * as z from 'zod';

const presenterSchema = z.string().trim().max(200);
const descriptionSchema = z.string().trim().max(10_000);

/** Body of `POST /api/meetings/:meetingId/agenda`; the item goes to the end of the agenda. */
export const CreateAgendaItemSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    presenter: presenterSchema.nullable().optional(),
    plannedMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    description: descriptionSchema.nullable().optional(),
  })
  .strict();
export type CreateAgendaItemRequest = z.input<typeof CreateAgendaItemSchema>;

/** Body of `PATCH /api/meetings/:meetingId/agenda/:itemId`. */
export const UpdateAgendaItemSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    presenter: presenterSchema.nullable(),
    plannedMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    description: descriptionSchema.nullable(),
  })
  .partial()
  .strict()
  .refine((item) => Object.keys(item).length > 0, { message: 'Nothing to change' });
export type UpdateAgendaItemRequest = z.infer<typeof UpdateAgendaItemSchema>;

/** Body of `PUT /api/meetings/:meetingId/agenda/order`: every item of the meeting, once, in the new order. */
export const ReorderAgendaSchema = z
  .object({
    itemIds: z
      .array(z.uuid())
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, { message: 'An item is listed twice' }),
  })
  .strict();
export type ReorderAgendaRequest = z.infer<typeof ReorderAgendaSchema>;
