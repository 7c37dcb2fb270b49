import { inject, Pipe, PipeTransform } from '@angular/core';
import { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import { FieldError } from '@app/shared';
import { TranslocoService } from '@jsverse/transloco';
import * as z from 'zod';

import { localizeServerMessage } from '../i18n/server-message';
import { Lang } from '../i18n/languages';

/**
 * Forms validate with the same zod schemas the server uses (from `@app/shared`). A control's error is
 * stored as a translation key + params, so it reads in the reader's language, never in zod's English.
 */
export interface FieldProblem {
  key: string;
  params?: Record<string, unknown>;
  /** Server or `refine` text ("Vietnamese / English"), shown as is in the active language. */
  message?: string;
}

/** Maps one zod issue to what the form says. */
export function toFieldProblem(issue: z.core.$ZodIssue): FieldProblem {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? { key: 'forms.required' }
        : { key: 'forms.invalid' };
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') {
        return Number(issue.minimum) <= 1
          ? { key: 'forms.required' }
          : { key: 'forms.tooShort', params: { min: Number(issue.minimum) } };
      }
      return { key: 'forms.tooLow', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { key: 'forms.tooLong', params: { max: Number(issue.maximum) } }
        : { key: 'forms.tooHigh', params: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return issue.input === '' ? { key: 'forms.required' } : { key: 'forms.invalidFormat' };
    case 'custom':
      return { key: 'forms.invalid', message: issue.message };
    default:
      return { key: 'forms.invalid' };
  }
}

/** Control validator from one field's schema: `new FormControl('', zodValidator(Schema.shape.title))`. */
export function zodValidator(schema: z.ZodType): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const result = schema.safeParse(control.value);
    return result.success ? null : { zod: toFieldProblem(result.error.issues[0]) };
  };
}

export interface ParseFormOptions {
  /** Request field → control name, where they differ (`startsAt` → `startTime`). */
  controls?: Record<string, string>;
  /** Request field → translation key for its `refine` issues whose text is not bilingual. */
  refineKeys?: Record<string, string>;
}

/**
 * Validates the whole request (cross-field `refine`s included) before sending. Puts each issue on its
 * control and marks everything touched so the messages show. Returns the parsed request, or null.
 */
export function parseForm<T>(
  form: FormGroup,
  schema: z.ZodType<T>,
  value: unknown,
  options: ParseFormOptions = {},
): T | null {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const name = options.controls?.[path] ?? path;
    const control =
      form.get(name) ?? form.get(options.controls?.[String(issue.path[0])] ?? String(issue.path[0] ?? ''));
    const refineKey = issue.code === 'custom' ? options.refineKeys?.[path] : undefined;
    const problem = refineKey ? { key: refineKey } : toFieldProblem(issue);
    if (control) {
      control.setErrors({ ...control.errors, zod: problem });
    } else {
      form.setErrors({ ...form.errors, zod: problem });
    }
  }
  form.markAllAsTouched();
  return null;
}

/** Puts the server's field errors (`ErrorResponse.errors`) on the matching controls; true if any matched. */
export function applyServerErrors(form: FormGroup, errors: FieldError[] | undefined): boolean {
  let matched = false;
  for (const error of errors ?? []) {
    const control = form.get(error.path);
    if (control) {
      control.setErrors({ ...control.errors, server: { key: 'forms.invalid', message: error.message } });
      control.markAsTouched();
      matched = true;
    }
  }
  return matched;
}

/** `{{ control.errors | fieldError: lang() }}`: the first problem of a control, in the reader's language. */
@Pipe({ name: 'fieldError' })
export class FieldErrorPipe implements PipeTransform {
  private readonly transloco = inject(TranslocoService);

  transform(errors: ValidationErrors | null | undefined, lang: Lang): string {
    if (!errors) {
      return '';
    }
    const problem = firstProblem(errors);
    if (problem.message) {
      return localizeServerMessage(problem.message, lang);
    }
    return this.transloco.translate<string>(problem.key, problem.params ?? {}, lang);
  }
}

function firstProblem(errors: ValidationErrors): FieldProblem {
  const problem = (errors['server'] ?? errors['zod']) as FieldProblem | undefined;
  if (problem) {
    return problem;
  }
  // Angular's own validators (required, min, max…) in case a form mixes them in.
  if (errors['required']) {
    return { key: 'forms.required' };
  }
  return { key: 'forms.invalid' };
}
