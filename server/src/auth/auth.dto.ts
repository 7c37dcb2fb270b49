import { ChangePasswordSchema, LoginSchema } from '@app/shared';
import { createZodDto } from 'nestjs-zod';

export class LoginDto extends createZodDto(LoginSchema) {}

export class ChangePasswordDto extends createZodDto(ChangePasswordSchema) {}
