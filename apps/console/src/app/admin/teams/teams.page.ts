import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Dag, Team, TeamDetail } from '@updraft/api-types';
import { PERMISSIONS, TEAM_ROLES, TeamRole } from '@updraft/domain/permissions';
import { PageMessagesComponent } from '../../shared/page-messages.component';
import { PageState } from '../../shared/page-state';
import { PermissionsService } from '../../shared/permissions.service';
import { AdminApiService } from '../admin-api.service';

/** Teams, their members' team roles, and the DAGs each owns (a team role applies to those DAGs only). */
@Component({
  selector: 'ud-teams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, PageMessagesComponent],
  template: `
    <h1>Teams</h1>
    <ud-page-messages [state]="state" />

    @if (canManage()) {
      <form class="card form-row" (ngSubmit)="create()" data-testid="team-form">
        <label class="field"
          ><span>Team name</span><input name="name" required [(ngModel)]="newName" data-testid="team-name"
        /></label>
        <label class="field"><span>Description</span><input name="description" [(ngModel)]="newDescription" /></label>
        <button class="btn btn--primary" type="submit" [disabled]="state.busy() || !newName">Create team</button>
      </form>
    }

    <div class="table-wrap" tabindex="0" role="region" aria-label="Teams">
      <table class="table" data-testid="teams-table">
        <caption class="visually-hidden">
          Teams
        </caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Description</th>
            <th scope="col">DAGs</th>
          </tr>
        </thead>
        <tbody>
          @for (team of teams(); track team.name) {
            <tr>
              <td>
                <button
                  class="link"
                  type="button"
                  (click)="open(team.name)"
                  [attr.aria-expanded]="selected()?.name === team.name"
                >
                  {{ team.name }}
                </button>
              </td>
              <td>{{ team.description }}</td>
              <td>{{ dagsOf(team.name).length }}</td>
            </tr>
          } @empty {
            <tr>
              <td colspan="3" class="muted">No teams yet.</td>
            </tr>
          }
        </tbody>
      </table>
    </div>

    @if (selected(); as team) {
      <section class="card detail" data-testid="team-detail" [attr.aria-label]="'Team ' + team.name">
        <h2>{{ team.name }}</h2>
        @if (canManage()) {
          <form class="form-row" (ngSubmit)="rename(team)">
            <label class="field"><span>Rename to</span><input name="rename" [(ngModel)]="renameTo" /></label>
            <button class="btn" type="submit" [disabled]="!renameTo || renameTo === team.name">Rename</button>
            <button class="btn btn--danger" type="button" (click)="remove(team)">Delete team</button>
          </form>
        }

        <h3>Members</h3>
        <ul class="plain">
          @for (member of team.members; track member.userId) {
            <li>
              {{ member.email }} <span class="tag">{{ member.role }}</span>
              @if (canManage()) {
                <button
                  class="btn btn--small"
                  type="button"
                  (click)="removeMember(team, member.userId)"
                  [attr.aria-label]="'Remove ' + member.email + ' from ' + team.name"
                >
                  Remove
                </button>
              }
            </li>
          } @empty {
            <li class="muted">No members.</li>
          }
        </ul>
        @if (canManage()) {
          <form class="form-row" (ngSubmit)="addMember(team)">
            <label class="field"
              ><span>Member email</span
              ><input name="memberEmail" type="email" [(ngModel)]="memberEmail" data-testid="team-member-email"
            /></label>
            <label class="field"
              ><span>Team role</span>
              <select name="memberRole" [(ngModel)]="memberRole">
                @for (role of teamRoles; track role) {
                  <option [value]="role">{{ role }}</option>
                }
              </select>
            </label>
            <button class="btn" type="submit" [disabled]="!memberEmail">Add to team</button>
          </form>
        }

        <h3>DAGs</h3>
        <ul class="plain" data-testid="team-dags">
          @for (dag of dagsOf(team.name); track dag.dagId) {
            <li class="mono">{{ dag.dagId }}</li>
          } @empty {
            <li class="muted">This team owns no DAGs.</li>
          }
        </ul>
        @if (canManage()) {
          <form class="form-row" (ngSubmit)="assign(team)">
            <label class="field"
              ><span>Assign a DAG</span>
              <select name="assignDag" [(ngModel)]="assignDag" data-testid="assign-dag">
                <option value="">Choose a DAG</option>
                @for (dag of otherDags(team.name); track dag.dagId) {
                  <option [value]="dag.dagId">{{ dag.dagId }}{{ dag.team ? ' (' + dag.team + ')' : '' }}</option>
                }
              </select>
            </label>
            <button class="btn" type="submit" [disabled]="!assignDag">Assign to {{ team.name }}</button>
          </form>
        }
      </section>
    }
  `,
})
export class TeamsPage implements OnInit {
  private readonly permissions = inject(PermissionsService);
  private readonly api = inject(AdminApiService);
  protected readonly state = new PageState();
  protected readonly teams = signal<Team[]>([]);
  protected readonly dags = signal<Dag[]>([]);
  protected readonly selected = signal<TeamDetail | null>(null);
  protected readonly canManage = computed(() => this.permissions.can(PERMISSIONS.teamsManage));
  protected readonly teamRoles = TEAM_ROLES;
  protected newName = '';
  protected newDescription = '';
  protected renameTo = '';
  protected memberEmail = '';
  protected memberRole: TeamRole = 'viewer';
  protected assignDag = '';

  ngOnInit(): void {
    this.load();
  }

  protected dagsOf(team: string): Dag[] {
    return this.dags().filter((dag) => dag.team === team);
  }

  protected otherDags(team: string): Dag[] {
    return this.dags().filter((dag) => dag.team !== team);
  }

  protected open(name: string): void {
    this.api.get('/teams/{team}', { team: name }).subscribe({
      next: (team) => {
        this.selected.set(team);
        this.renameTo = team.name;
      },
      error: () => this.selected.set(null),
    });
  }

  protected create(): void {
    const name = this.newName.trim();
    this.state.run(
      this.api.post('/teams', {}, { name, description: this.newDescription || undefined }),
      () => {
        this.newName = '';
        this.newDescription = '';
        this.load();
        this.open(name);
      },
      `Team ${name} created.`,
    );
  }

  protected rename(team: TeamDetail): void {
    const name = this.renameTo.trim();
    this.state.run(
      this.api.patch('/teams/{team}', { team: team.name }, { name }),
      () => {
        this.load();
        this.open(name);
      },
      `Team renamed to ${name}.`,
    );
  }

  protected remove(team: TeamDetail): void {
    if (!confirm(`Delete team ${team.name}? Its DAGs stay, without a team.`)) return;
    this.state.run(
      this.api.delete('/teams/{team}', { team: team.name }),
      () => {
        this.selected.set(null);
        this.load();
      },
      `Team ${team.name} deleted.`,
    );
  }

  protected addMember(team: TeamDetail): void {
    this.state.run(
      this.api.put(
        '/teams/{team}/members',
        { team: team.name },
        {
          email: this.memberEmail.trim(),
          role: this.memberRole,
        },
      ),
      (updated) => {
        this.selected.set(updated);
        this.memberEmail = '';
      },
      'Team member saved.',
    );
  }

  protected removeMember(team: TeamDetail, userId: string): void {
    this.state.run(
      this.api.delete('/teams/{team}/members/{userId}', { team: team.name, userId }),
      () => this.open(team.name),
      'Removed from the team.',
    );
  }

  protected assign(team: TeamDetail): void {
    const dagId = this.assignDag;
    this.state.run(
      this.api.patch('/dags/{dagId}', { dagId }, { team: team.name }),
      () => {
        this.assignDag = '';
        this.load();
      },
      `${dagId} now belongs to ${team.name}.`,
    );
  }

  private load(): void {
    this.state.load(this.api.get('/teams', {}), (page) => this.teams.set(page.items));
    this.api
      .get('/dags', {}, { limit: 500 })
      .subscribe({ next: (page) => this.dags.set(page.items), error: () => this.dags.set([]) });
  }
}
