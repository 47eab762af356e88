import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { finalize, switchMap } from 'rxjs';
import type { Invitation, TenantMemberView } from '@updraft/api-types';
import { PERMISSIONS, Role, ROLES } from '@updraft/domain/permissions';
import { SessionService } from '../../core/session.service';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

/** Members and their roles; owners and admins invite, change roles and remove (the API keeps the last owner). */
@Component({
  selector: 'ud-members-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Members</h1>
    <ud-page-messages [state]="state" />

    @if (canManage()) {
      <form class="card form-row" (ngSubmit)="invite()" data-testid="invite-form">
        <label class="field"
          ><span>Email</span
          ><input
            name="email"
            type="email"
            required
            autocomplete="off"
            [(ngModel)]="inviteEmail"
            data-testid="invite-email"
        /></label>
        <label class="field"
          ><span>Role</span>
          <select name="role" [(ngModel)]="inviteRole" data-testid="invite-role">
            @for (role of assignableRoles(); track role) {
              <option [value]="role">{{ role }}</option>
            }
          </select>
        </label>
        <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !inviteEmail">Invite</button>
      </form>
    }

    <div class="table-wrap" tabindex="0" role="region" aria-label="Members">
      <table class="table" data-testid="members-table">
        <caption class="visually-hidden">
          Members of the tenant
        </caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            @if (canManage()) {
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (member of members(); track member.userId) {
            <tr>
              <td>
                {{ member.email }}
                @if (member.userId === session.user()?.id) {
                  <span class="muted"> (you)</span>
                }
              </td>
              <td>
                @if (canManage() && mayChange(member)) {
                  <label class="visually-hidden" [for]="'role-' + member.userId">Role of {{ member.email }}</label>
                  <select
                    [id]="'role-' + member.userId"
                    [ngModel]="member.role"
                    (ngModelChange)="changeRole(member, $event)"
                    [attr.data-testid]="'member-role-' + member.email"
                  >
                    @for (role of assignableRoles(); track role) {
                      <option [value]="role">{{ role }}</option>
                    }
                  </select>
                } @else {
                  {{ member.role }}
                }
              </td>
              <td class="small">{{ member.joinedAt.slice(0, 10) }}</td>
              @if (canManage()) {
                <td>
                  @if (mayChange(member)) {
                    <button
                      class="btn btn--danger"
                      type="button"
                      (click)="remove(member)"
                      [attr.aria-label]="'Remove ' + member.email"
                    >
                      Remove
                    </button>
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>

    @if (canManage()) {
      <h2>Pending invitations</h2>
      @if (invitations().length === 0) {
        <p class="muted">No pending invitations.</p>
      } @else {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Pending invitations">
          <table class="table" data-testid="invitations-table">
            <caption class="visually-hidden">
              Pending invitations
            </caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (invitation of invitations(); track invitation.id) {
                <tr>
                  <td>{{ invitation.email }}</td>
                  <td>{{ invitation.role }}</td>
                  <td class="small">{{ invitation.expiresAt.slice(0, 16).replace('T', ' ') }}</td>
                  <td class="actions">
                    @if (invitation.role !== 'owner' || permissions.role() === 'owner') {
                      <button
                        class="btn btn--small"
                        type="button"
                        (click)="resend(invitation)"
                        [attr.aria-label]="'Resend the invitation to ' + invitation.email"
                      >
                        Resend
                      </button>
                      <button
                        class="btn btn--small btn--danger"
                        type="button"
                        (click)="revoke(invitation)"
                        [attr.aria-label]="'Revoke the invitation to ' + invitation.email"
                      >
                        Revoke
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
})
export class MembersPage implements OnInit {
  protected readonly session = inject(SessionService);
  protected readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly members = signal<TenantMemberView[]>([]);
  protected readonly invitations = signal<Invitation[]>([]);
  protected readonly canManage = computed(() => this.permissions.can(PERMISSIONS.membersManage));
  /** Only an owner makes or unmakes owners (the API says so too). */
  protected readonly assignableRoles = computed<readonly Role[]>(() =>
    this.permissions.role() === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner'),
  );
  protected inviteEmail = '';
  protected inviteRole: Role = 'viewer';

  ngOnInit(): void {
    this.load();
  }

  protected mayChange(member: TenantMemberView): boolean {
    return this.permissions.role() === 'owner' || member.role !== 'owner';
  }

  protected invite(): void {
    const email = this.inviteEmail.trim();
    this.state.run(
      this.api.post('/invitations', {}, { email, role: this.inviteRole }),
      () => {
        this.inviteEmail = '';
        this.load();
      },
      `Invitation sent to ${email}.`,
    );
  }

  /** A new mail with a new link; the old link stops working. */
  protected resend(invitation: Invitation): void {
    const withdrawOld = this.api.delete('/invitations/{id}', { id: invitation.id });
    this.state.run(
      this.api.post('/invitations', {}, { email: invitation.email, role: invitation.role }).pipe(
        switchMap(() => withdrawOld),
        finalize(() => this.load()),
      ),
      undefined,
      `Invitation sent again to ${invitation.email}.`,
    );
  }

  protected revoke(invitation: Invitation): void {
    if (!confirm(`Revoke the invitation to ${invitation.email}? Its link stops working.`)) return;
    this.state.run(
      this.api.delete('/invitations/{id}', { id: invitation.id }).pipe(finalize(() => this.load())),
      undefined,
      `Invitation to ${invitation.email} revoked.`,
    );
  }

  protected changeRole(member: TenantMemberView, role: Role): void {
    // Reloaded either way: on a refusal (the last owner) the select goes back to the stored role.
    this.state.run(
      this.api.patch('/members/{userId}', { userId: member.userId }, { role }).pipe(finalize(() => this.load())),
      undefined,
      `${member.email} is now ${role}.`,
    );
  }

  protected remove(member: TenantMemberView): void {
    if (!confirm(`Remove ${member.email} from the tenant?`)) return;
    this.state.run(
      this.api.delete('/members/{userId}', { userId: member.userId }),
      () => this.load(),
      `${member.email} was removed.`,
    );
  }

  private load(): void {
    this.state.load(this.api.get('/members', {}), (page) => this.members.set(page.items));
    if (this.canManage()) this.state.load(this.api.get('/invitations', {}), (page) => this.invitations.set(page.items));
  }
}
