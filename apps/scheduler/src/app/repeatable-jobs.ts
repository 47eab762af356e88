import type { Logger } from '@nestjs/common';

/**
 * Arms repeatable Bull jobs now and again every `everyMs`. Redis only carries work and may be
 * flushed, repeatable jobs with it; re-adding them is idempotent (same repeat key and next run),
 * so every scheduler may do it. Returns the timer to clear on shutdown.
 */
export async function keepArmed(arm: () => Promise<void>, everyMs: number, logger: Logger): Promise<NodeJS.Timeout> {
  await arm();
  return setInterval(
    () => void arm().catch((error: Error) => logger.warn(`could not re-arm repeatable jobs: ${error.message}`)),
    everyMs,
  );
}
