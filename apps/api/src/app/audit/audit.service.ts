import { Injectable, Logger } from '@nestjs/common';
import type { AccessRequest } from '@updraft/auth';
import { AccountRepository, AuditLogRepository, AuditOutcome } from '@updraft/persistence';
import type { NextFunction, Request, Response } from 'express';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PREFIX = /^\/api\/v1/;

/** What a public route learns only while handling the request (who accepted an invitation, into which tenant). */
export interface AuditSubject {
  actor: { id: string; email: string };
  tenantId: string;
}

type AuditedRequest = Request & AccessRequest & { auditSubject?: AuditSubject };

export function setAuditSubject(req: Request, subject: AuditSubject): void {
  (req as AuditedRequest).auditSubject = subject;
}

/**
 * Records every mutating request as its response is about to be sent (so the outcome is known, also
 * when a guard, the validation pipe or the body parser refused it). Log-ins are POSTs, so every attempt,
 * failed or not, is recorded with the email it was made for.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly entries: AuditLogRepository,
    private readonly accounts: AccountRepository,
  ) {}

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      if (MUTATING.has(req.method) && PREFIX.test(req.originalUrl)) {
        // The entry is written before the response leaves: a client that saw the answer can rely on the record.
        const end = res.end.bind(res) as (...args: unknown[]) => Response;
        res.end = ((...args: unknown[]) => {
          this.record(req as AuditedRequest, res.statusCode)
            .catch((error: Error) =>
              this.logger.error(`not recorded: ${req.method} ${req.originalUrl}: ${error.message}`),
            )
            .finally(() => end(...args));
          return res;
        }) as Response['end'];
      }
      next();
    };
  }

  private async record(req: AuditedRequest, statusCode: number): Promise<void> {
    const params: Record<string, string> = { ...(req.params ?? {}) };
    const slug = params['tenant'];
    delete params['tenant'];
    const route: string | undefined = req.route?.path;
    const path = (route ?? req.originalUrl.split('?')[0]).replace(PREFIX, '');
    const action = `${req.method} ${path}`;
    // Anonymous auth routes (log-in, password reset) name their account in the body.
    const bodyEmail =
      path.startsWith('/auth/') && typeof req.body?.email === 'string'
        ? (req.body.email as string).trim().toLowerCase().slice(0, 254)
        : null;
    const actor = req.user ?? req.auditSubject?.actor ?? (bodyEmail ? await this.userByEmail(bodyEmail) : null);
    const entry = {
      actorUserId: actor?.id ?? null,
      actorEmail: actor?.email ?? bodyEmail,
      action,
      target: slug && !req.tenant ? { ...params, tenant: slug } : params,
      outcome: outcomeOf(statusCode),
      statusCode,
      ip: req.ip ?? null,
    };
    const tenantId = req.tenant?.id ?? req.auditSubject?.tenantId ?? (await this.tenantOfMember(req.user?.id, slug));
    if (tenantId || slug || !actor) {
      await this.entries.append({ ...entry, tenantId });
      return;
    }
    // Outside any tenant (log-in, refresh, password reset): every tenant of the account sees it.
    const tenants = await this.accounts.membershipsOf(actor.id);
    for (const tenant of tenants.length > 0 ? tenants.map((m) => m.tenant.id) : [null])
      await this.entries.append({ ...entry, tenantId: tenant });
  }

  private async userByEmail(email: string): Promise<{ id: string; email: string } | null> {
    const user = await this.accounts.findUserByEmail(email);
    return user && { id: user.id, email: user.email };
  }

  /** A member refused by their role still shows in their tenant's log; a stranger's attempt does not. */
  private async tenantOfMember(userId: string | undefined, slug: string | undefined): Promise<string | null> {
    if (!userId || !slug) return null;
    return (await this.accounts.membership(userId, slug))?.tenant.id ?? null;
  }
}

function outcomeOf(statusCode: number): AuditOutcome {
  if (statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'failure' : 'success';
}
