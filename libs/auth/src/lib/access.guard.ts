import { ExecutionContext, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { roleHasPermission } from '@updraft/domain';
import { AccountRepository } from '@updraft/persistence';
import { ACCESS_KEY, AccessRequest, AccessRule, AuthenticatedUser } from './access.decorators';

/**
 * The one place where access is decided: authenticates the bearer token, resolves the `:tenant`
 * in the path to a membership (a tenant you are not in is a 404, so its existence is not
 * revealed), and checks the route's declared permission against the member's role.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector, private readonly accounts: AccountRepository) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!rule) throw new ForbiddenException('this route declares no access rule');
    if (rule.kind === 'public') return true;
    await super.canActivate(context);
    if (rule.kind === 'authenticated') return true;

    const request = context.switchToHttp().getRequest<AccessRequest & { params: Record<string, string> }>();
    const slug = request.params['tenant'];
    if (!slug) throw new ForbiddenException('this route needs a tenant');
    const membership = await this.accounts.membership((request.user as AuthenticatedUser).id, slug);
    if (!membership) throw new NotFoundException(`tenant '${slug}' not found`);
    if (!roleHasPermission(membership.role, rule.permission)) {
      throw new ForbiddenException(`your role '${membership.role}' does not grant '${rule.permission}'`);
    }
    request.tenant = { id: membership.tenant.id, slug: membership.tenant.slug, name: membership.tenant.name, role: membership.role };
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error || !user) throw new UnauthorizedException('missing, invalid or expired access token');
    return user;
  }
}
