import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../domain/accounts/actor.js';
import { ROLES, type Role } from '../../domain/accounts/roles.js';
import { newSecret } from '../../services/tokens.js';
import type { Services } from '../../services/index.js';
import { CliError, databaseUrl, withServices } from '../context.js';

async function findUser(services: Services, username: string) {
  const user = (await services.accounts.list(SYSTEM_ACTOR, username)).find((u) => u.username === username.toLowerCase());
  if (!user) throw new CliError(`Không có tài khoản «${username}».`);
  return user;
}

async function findUnitId(services: Services, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const unit = (await services.units.list(SYSTEM_ACTOR)).find((u) => u.code === code.toUpperCase());
  if (!unit) throw new CliError(`Không có đơn vị mã «${code}».`);
  return unit.id;
}

export function userCommand(program: Command): void {
  const user = program.command('user').description('Quản lý tài khoản / manage accounts');

  user
    .command('add <username>')
    .description('Thêm tài khoản / add an account')
    .requiredOption('--role <role>', `vai trò: ${ROLES.join(', ')}`)
    .option('--unit <code>', 'mã đơn vị (ví dụ DH.NV)')
    .option('--name <displayName>', 'họ tên hiển thị')
    .option('--password <p>', 'mật khẩu (bỏ trống: tạo ngẫu nhiên và in ra)')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .action(async (username: string, opts: { role: string; unit?: string; name?: string; password?: string; db?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) {
        throw new CliError(`Vai trò không hợp lệ: «${opts.role}». Chọn một trong: ${ROLES.join(', ')}.`);
      }
      const password = opts.password ?? newSecret().slice(0, 16);
      const created = await withServices(databaseUrl(opts.db), async (services) =>
        services.accounts.create(SYSTEM_ACTOR, {
          username,
          displayName: opts.name ?? username,
          role: opts.role as Role,
          unitId: await findUnitId(services, opts.unit),
          password,
        }),
      );
      console.error(`Đã tạo tài khoản «${created.username}» (${created.role}).`);
      if (!opts.password) console.log(password);
    });

  user
    .command('reset-password <username>')
    .description('Đặt lại mật khẩu và đăng xuất mọi phiên / reset a password')
    .option('--password <p>', 'mật khẩu mới (bỏ trống: tạo ngẫu nhiên và in ra)')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .action(async (username: string, opts: { password?: string; db?: string }) => {
      const password = opts.password ?? newSecret().slice(0, 16);
      await withServices(databaseUrl(opts.db), async (services) => {
        const found = await findUser(services, username);
        await services.accounts.resetPassword(SYSTEM_ACTOR, found.id, password);
      });
      console.error(`Đã đặt lại mật khẩu cho «${username}».`);
      if (!opts.password) console.log(password);
    });
}
