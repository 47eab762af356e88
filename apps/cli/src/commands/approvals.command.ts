import type { Command } from 'commander';
import { outputFor, tenantSession, type CliContext, type JsonOption } from '../context';
import { CliError } from '../errors';
import { formatDate, formatTable } from '../output';

interface ListOptions extends JsonOption {
  all?: boolean;
}

interface AnswerOptions extends JsonOption {
  form?: string;
}

/** `updraft approvals`: the questions of approval steps that wait for you, and answering them. */
export function registerApprovalsCommand(program: Command, ctx: CliContext): void {
  const approvals = program
    .command('approvals')
    .description("approval steps' questions: what needs your answer, and answering");
  approvals
    .command('list')
    .description('the questions waiting for your answer (with --all: every open question of the tenant)')
    .option('--all', 'every pending question, not only yours')
    .option('--json', 'machine-readable output')
    .action(async (options: ListOptions) => {
      const { client, tenant } = tenantSession(ctx);
      const items = (await client.listAll('/api/v1/tenants/{tenant}/approvals', { tenant })).filter(
        (a) => a.state === 'pending' && (options.all || a.mine),
      );
      outputFor(ctx, options).result(items, () =>
        formatTable(
          items,
          [
            { header: 'ID', value: (a) => a.id },
            { header: 'DAG', value: (a) => a.dagId },
            { header: 'RUN', value: (a) => a.runId },
            { header: 'SUBJECT', value: (a) => a.subject },
            { header: 'OPTIONS', value: (a) => a.options.join(' / ') },
            { header: 'UNTIL', value: (a) => formatDate(a.timeoutAt) },
          ],
          '(nothing needs your answer)',
        ),
      );
    });
  approvals
    .command('answer <id> <option>')
    .description('answer a question with one of its options')
    .option('--form <json>', 'values of the question\'s form fields, as a JSON object, e.g. \'{"note":"lgtm"}\'')
    .option('--json', 'machine-readable output')
    .action(async (id: string, option: string, options: AnswerOptions) => {
      const { client, tenant } = tenantSession(ctx);
      let form: Record<string, unknown> | undefined;
      try {
        form = options.form === undefined ? undefined : (JSON.parse(options.form) as Record<string, unknown>);
      } catch {
        throw new CliError('--form must be a JSON object');
      }
      const answered = await client.call('post', '/api/v1/tenants/{tenant}/approvals/{id}/answer', {
        params: { tenant, id },
        json: { option, via: 'api', ...(form ? { form } : {}) },
      });
      outputFor(ctx, options).result(
        answered,
        () => `answered '${answered.option}' to "${answered.subject}" (${answered.dagId}, run ${answered.runId})\n`,
      );
    });
}
