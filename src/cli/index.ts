import { Command, CommanderError } from 'commander';
import { auditCommand } from './commands/audit.js';
import { deadlineCommand } from './commands/deadline.js';
import { demoCommand } from './commands/demo.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { remindCommand } from './commands/remind.js';
import { serveCommand } from './commands/serve.js';
import { userCommand } from './commands/user.js';
import { describeError } from './context.js';

export function buildProgram(): Command {
  const program = new Command()
    .name('dondoc')
    .description('Dondoc — theo dõi, đôn đốc kế hoạch cải thiện Chỉ số PAPI')
    .showHelpAfterError()
    .exitOverride();
  serveCommand(program);
  demoCommand(program);
  migrateCommand(program);
  userCommand(program);
  auditCommand(program);
  deadlineCommand(program);
  importCommand(program);
  exportCommand(program);
  remindCommand(program);
  return program;
}

/** Entry point of bin/dondoc.js. Errors become one Vietnamese line on stderr and an exit status. */
export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    const { message, exitCode } = describeError(err);
    console.error(`Lỗi: ${message}`);
    process.exitCode = exitCode;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv);
