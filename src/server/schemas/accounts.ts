import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../domain/accounts/roles.js';
import { Nullable } from './common.js';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  unitId: Nullable(Type.Integer()),
  active: Type.Boolean(),
  passwordChangedAt: Type.String(),
  email: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Password = Type.String({ minLength: 1, maxLength: 200 });

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Password },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 40 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    unitId: Nullable(Type.Integer({ minimum: 1 })),
    password: Password,
    /** Where reminders go; checked by the service (Vietnamese message on a bad address). */
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: RoleSchema,
    unitId: Nullable(Type.Integer({ minimum: 1 })),
    active: Type.Boolean(),
    email: Nullable(Type.String({ maxLength: 254 })),
    version: Type.Integer({ minimum: 1 }),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

export const UserListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
export type UserListQuery = Static<typeof UserListQuery>;

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;
