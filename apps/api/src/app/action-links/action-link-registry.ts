import { Injectable } from '@nestjs/common';
import type { ActionLinkClaims } from '@updraft/notifications';
import type { LinkHolder } from '@updraft/persistence';
import type { EntityManager } from 'typeorm';

/** What the confirmation page asks before a link acts. */
export interface ActionLinkPrompt {
  /** The question, e.g. "Approve 'deploy' in run manual__2024-…?" */
  title: string;
  /** Lines of context under it (what the subject is, who asked). */
  lines: string[];
  /** The button's label, e.g. "Approve". */
  confirmLabel: string;
}

/** What happened when the link was confirmed: `done` false when the subject had moved on (answered by someone else, resolved). */
export interface ActionLinkOutcome {
  done: boolean;
  message: string;
  /** Runs after the link's use and the action are committed (wake-ups, notifications). */
  afterCommit?: () => Promise<void>;
}

/** Where a confirmed link came from, for the feature's own records. */
export interface ActionLinkOrigin {
  ip: string | null;
}

/**
 * A feature's actions on its subjects by link. `describe` and `perform` receive only links whose
 * signature and expiry hold, that were not used, of a holder still a member of the link's tenant;
 * they must look the subject up within `link.tenantId` and check the holder may act on it.
 */
export interface ActionLinkHandler {
  readonly subjectKind: string;
  /** The confirmation page's question; null when there is nothing to act on (the link then does nothing). */
  describe(link: ActionLinkClaims, holder: LinkHolder): Promise<ActionLinkPrompt | null>;
  /** Acts, in the transaction that records the link used (throwing leaves the link unused). */
  perform(
    link: ActionLinkClaims,
    holder: LinkHolder,
    tx: EntityManager,
    origin: ActionLinkOrigin,
  ): Promise<ActionLinkOutcome>;
}

/** The handlers of the action links the api serves, one per subject kind; features register theirs when their module starts. */
@Injectable()
export class ActionLinkRegistry {
  private readonly handlers = new Map<string, ActionLinkHandler>();

  register(handler: ActionLinkHandler): void {
    if (this.handlers.has(handler.subjectKind))
      throw new Error(`an action link handler for '${handler.subjectKind}' is registered already`);
    this.handlers.set(handler.subjectKind, handler);
  }

  find(subjectKind: string): ActionLinkHandler | undefined {
    return this.handlers.get(subjectKind);
  }
}
