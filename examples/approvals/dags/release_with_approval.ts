import { approval, bash, branch, dag, task } from '@updraft/sdk';

/**
 * A release that waits for a person: the build runs, then the release managers are asked by email
 * and Slack (one-click answers), and the run goes on with their answer. While it waits, the
 * question holds no worker or pool slot; after 4 hours without an answer the release is rejected.
 * Channels `release-mail` (email) and `release-slack` (Slack with a signingSecret) must exist.
 */
export default dag(
  'release_with_approval',
  { schedule: null, params: { version: { type: 'string', default: '1.0.0' } } },
  () => {
    const build = bash('build', { command: 'echo building {{ params.version }}' });
    const ask = approval('approve_release', {
      subject: 'Release {{ params.version }} to production?',
      body: 'Build {{ run_id }} passed. Approve to deploy, or reject to stop here.',
      options: ['approve', 'reject'],
      form: { note: { type: 'string', default: '', description: 'Why (kept with the answer)' } },
      assignees: ['role:owner', 'team:release-managers'],
      channels: ['release-mail', 'release-slack'],
      timeout: '4h',
      onTimeout: 'reject',
    });
    const decide = branch('decide', async (ctx) => {
      const answer = (await ctx.ti.xcomPull('approve_release')) as { option: string };
      return answer.option === 'approve' ? 'deploy' : 'tell_rejected';
    });
    const deploy = bash('deploy', { command: 'echo deploying {{ params.version }}' });
    const rejected = task('tell_rejected', async (ctx) => {
      const answer = (await ctx.ti.xcomPull('approve_release')) as {
        answeredBy: string | null;
        form: { note: string };
      };
      return { rejectedBy: answer.answeredBy ?? 'the timeout', note: answer.form.note };
    });
    // Runs whichever way the answer went (the branch skips one side).
    const report = bash('report', {
      command: 'echo release {{ params.version }}: {{ ti.xcomPull("approve_release").option }}',
      triggerRule: 'none_failed_min_one_success',
    });
    build.then(ask);
    ask.then(decide);
    decide.then(deploy);
    decide.then(rejected);
    deploy.then(report);
    rejected.then(report);
  },
);
