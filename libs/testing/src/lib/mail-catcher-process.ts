import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

export interface MailCatcherProcess {
  /** For SMTP_URL. */
  smtpUrl: string;
  /** For DEV_MAILBOX_URL: the catcher's listing, read by the api's development-only mailbox route. */
  listingUrl: string;
  stop(): Promise<void>;
}

/** `npm start`'s own local mail catcher (tools/start/mail-catcher.mjs), in a child process on free ports. */
export async function startMailCatcherProcess(): Promise<MailCatcherProcess> {
  const script = `import(${JSON.stringify(join(workspaceRoot(), 'tools/start/mail-catcher.mjs'))}).then(async ({ startMailCatcher }) => {
    const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    console.log(JSON.stringify({ smtpUrl: catcher.smtpUrl, listingUrl: catcher.listingUrl }));
  });`;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: workspaceRoot(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const [line] = (await Promise.race([
    once(child.stdout as NodeJS.ReadableStream, 'data'),
    exited.then(() => {
      throw new Error('the mail catcher exited before listening');
    }),
  ])) as [Buffer];
  const { smtpUrl, listingUrl } = JSON.parse(line.toString('utf8')) as { smtpUrl: string; listingUrl: string };
  return {
    smtpUrl,
    listingUrl,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
