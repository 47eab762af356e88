import { Injectable } from '@nestjs/common';
import { ActionLinkClaims, ActionLinkSigner } from '@updraft/notifications';
import { ActionLinkRepository, LinkHolder } from '@updraft/persistence';
import type { Request } from 'express';
import { setAuditSubject } from '../audit/audit.service';
import { ActionLinkPage, confirmPage, resultPage } from './action-link-page';
import { ActionLinkHandler, ActionLinkRegistry } from './action-link-registry';

interface Usable {
  link: ActionLinkClaims;
  handler: ActionLinkHandler;
  holder: LinkHolder;
}

/** Serves signed action links: the confirmation page (GET) and the action (POST), each link once. */
@Injectable()
export class ActionLinksService {
  constructor(
    private readonly signer: ActionLinkSigner,
    private readonly registry: ActionLinkRegistry,
    private readonly uses: ActionLinkRepository,
  ) {}

  async show(token: string): Promise<ActionLinkPage> {
    const usable = await this.usable(token);
    if ('status' in usable) return usable;
    if (await this.uses.used(usable.link.linkId)) return used();
    const prompt = await usable.handler.describe(usable.link, usable.holder);
    if (!prompt) return nothingToDo();
    return confirmPage(prompt.title, prompt.lines, prompt.confirmLabel, token);
  }

  async act(token: string, req: Request): Promise<ActionLinkPage> {
    const usable = await this.usable(token);
    if ('status' in usable) return usable;
    const { link, handler, holder } = usable;
    setAuditSubject(req, { actor: { id: link.userId, email: holder.email }, tenantId: link.tenantId });
    const ip = req.ip ?? null;
    const result = await this.uses.consume(link, ip, async (tx) => {
      const prompt = await handler.describe(link, holder);
      return prompt ? handler.perform(link, holder, tx, { ip }) : null;
    });
    if (!result.ok) return used();
    if (!result.value) return nothingToDo();
    if (result.value.afterCommit) await result.value.afterCommit();
    return resultPage(
      result.value.done ? 200 : 409,
      result.value.done ? 'Done' : 'Nothing changed',
      result.value.message,
    );
  }

  /** A link whose signature and time hold, of a kind the api serves, held by someone still a member of its tenant. */
  private async usable(token: string): Promise<Usable | ActionLinkPage> {
    const verified = this.signer.verify(token);
    if (!verified.ok)
      return verified.reason === 'expired'
        ? resultPage(
            410,
            'This link has expired',
            'The link is no longer valid. Open Updraft to see where things stand.',
          )
        : resultPage(
            404,
            'This link is not valid',
            'The link is incomplete or was changed. Open the message again and use its link as sent.',
          );
    const link = verified.claims;
    const handler = this.registry.find(link.subjectKind);
    if (!handler) return nothingToDo();
    const holder = await this.uses.holder(link.tenantId, link.userId);
    if (!holder)
      return resultPage(
        403,
        'Not allowed',
        'The person this link was sent to is no longer a member of the organisation.',
      );
    return { link, handler, holder };
  }
}

const used = () =>
  resultPage(410, 'This link was used already', 'Each link works once. Open Updraft to see where things stand.');
const nothingToDo = () =>
  resultPage(404, 'Nothing to do', 'What this link was about no longer exists or may no longer be acted on.');
