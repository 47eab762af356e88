import {
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  DAG_SCOPED_PERMISSIONS,
  permissionsOf,
  Role,
  scopePermissions,
  TeamRole,
  teamsGranting,
} from '@updraft/domain';
import {
  AccountRepository,
  ApiTokenRepository,
  DagRepository,
  TeamRepository,
  TenantEntity,
} from '@updraft/persistence';
import { ACCESS_KEY, AccessRequest, AccessRule, AuthenticatedUser, TenantContext } from './access.decorators';
import { API_TOKEN_PREFIX, hashApiToken } from './api-token';
import { refuseNulInParameters } from './nul-parameters';

type TenantRule = Extract<AccessRule, { kind: 'tenant' }>;
type GuardedRequest = AccessRequest & { params: Record<string, string>; headers: Record<string, string | undefined> };

interface Grant {
  tenant: TenantEntity;
  role: Role;
  userId: string;
  /** For an API token: what its scopes allow (on top of its creator's role). */
  scoped: readonly string[] | null;
  apiTokenId: string | null;
}

/**
 * The one place where access is decided: authenticates the bearer (a JWT, or an `updraft_pat_…`
 * API token), resolves the `:tenant` in the path to a membership (a tenant you are not in is a
 * 404, so its existence is not revealed), checks the route's declared permission against the
 * member's role, and, for a member whose DAG rights come from team roles, limits the request to
 * those teams' DAGs (a DAG of another team is a 404).
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountRepository,
    private readonly apiTokens: ApiTokenRepository,
    private readonly teams: TeamRepository,
    private readonly dags: DagRepository,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new ForbiddenException('this route declares no access rule');
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    refuseNulInParameters(request);
    if (rule.kind === 'public') return true;
    const bearer = /^Bearer (\S+)$/i.exec(request.headers['authorization'] ?? '')?.[1];
    if (bearer?.startsWith(API_TOKEN_PREFIX)) {
      if (rule.kind !== 'tenant') throw new ForbiddenException('an API token acts only on routes of its tenant');
      return this.viaApiToken(request, rule, bearer);
    }
    await super.canActivate(context);
    if (rule.kind === 'authenticated') return true;

    const slug = this.slugOf(request);
    const user = request.user as AuthenticatedUser;
    const membership = await this.accounts.membership(user.id, slug);
    if (!membership) throw new NotFoundException(`tenant '${slug}' not found`);
    request.tenant = await this.grant(request, rule, {
      tenant: membership.tenant,
      role: membership.role,
      userId: user.id,
      scoped: null,
      apiTokenId: null,
    });
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('missing, invalid or expired access token');
    return user;
  }

  private async viaApiToken(request: GuardedRequest, rule: TenantRule, bearer: string): Promise<boolean> {
    const found = await this.apiTokens.findActive(hashApiToken(bearer));
    if (!found) throw new UnauthorizedException('invalid, expired or revoked API token');
    const slug = this.slugOf(request);
    if (found.tenant.slug !== slug) throw new NotFoundException(`tenant '${slug}' not found`);
    request.user = { id: found.token.createdBy, email: found.creatorEmail };
    const scoped = scopePermissions(found.token.scopes);
    request.tenant = await this.grant(request, rule, {
      tenant: found.tenant,
      role: found.creatorRole,
      userId: found.token.createdBy,
      scoped,
      apiTokenId: found.token.id,
    });
    return true;
  }

  private slugOf(request: GuardedRequest): string {
    const slug = request.params['tenant'];
    if (!slug) throw new ForbiddenException('this route needs a tenant');
    return slug;
  }

  private async grant(request: GuardedRequest, rule: TenantRule, grant: Grant): Promise<TenantContext> {
    const { permission } = rule;
    const context: TenantContext = {
      id: grant.tenant.id,
      slug: grant.tenant.slug,
      name: grant.tenant.name,
      role: grant.role,
      teams: null,
      apiTokenId: grant.apiTokenId,
    };
    if (grant.scoped && !grant.scoped.includes(permission))
      throw new ForbiddenException(`this API token's scopes do not grant '${permission}'`);
    const tenantWide = permissionsOf(grant.role).includes(permission);
    const teamRoles: Record<string, TeamRole> =
      !tenantWide && DAG_SCOPED_PERMISSIONS.includes(permission)
        ? await this.teams.rolesOf(grant.tenant.id, grant.userId)
        : {};
    const teams = tenantWide ? null : teamsGranting(teamRoles, permission);
    if (teams?.length === 0) throw new ForbiddenException(`your role '${grant.role}' does not grant '${permission}'`);
    const dagId = request.params['dagId'];
    if (dagId !== undefined) {
      // Every route under a DAG answers 404 for a DAG that is not the tenant's (or not the member's teams').
      const team = await this.dags.teamOf(grant.tenant.id, dagId);
      if (team === undefined || (teams && (!team || !teams.includes(team))))
        throw new NotFoundException(`DAG '${dagId}' not found`);
    } else if (teams && !rule.filtersByTeam) {
      throw new ForbiddenException(
        `'${permission}' here needs a tenant role; your team roles grant it on their DAGs only`,
      );
    }
    return { ...context, teams };
  }
}
