/* Generated from libs/api-client/openapi.json by `npx nx run api-client:generate`; do not edit by hand. */

export interface paths {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health: the api and its database answer.
         * @description Public: no token needed.
         */
        get: operations["health_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up: create an account and its tenant, and log in.
         * @description Public: no token needed.
         */
        post: operations["accounts_signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with email and password.
         * @description Public: no token needed.
         */
        post: operations["accounts_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Swap a refresh token for new session tokens.
         * @description Swaps a refresh token for a new access token and a new refresh token; the old one is spent.
         *
         *     Public: no token needed.
         */
        post: operations["accounts_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out: end the session.
         * @description Ends the session: its refresh tokens and the access tokens issued for it stop working.
         *
         *     Public: no token needed.
         */
        post: operations["accounts_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The logged-in user and their tenants.
         * @description Needs a logged-in user (access token).
         */
        get: operations["accounts_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verifyEmail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify the email address with the token from the mail.
         * @description Counts only from a session of the account the link was sent for: verified then means the one
         *     who holds the password also reads the mailbox. Opened by anyone else (say, the address's
         *     owner after someone else signed up with it), it would make a stranger's account look owned.
         *
         *     Needs a logged-in user (access token).
         */
        post: operations["accounts_verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/verifyEmail/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the verification mail again.
         * @description Needs a logged-in user (access token).
         */
        post: operations["accounts_resendVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passwordReset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a password reset mail.
         * @description Always 202, whether or not the address has an account, so the answer reveals nothing.
         *
         *     Public: no token needed.
         */
        post: operations["accounts_requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/passwordReset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with the token from the reset mail.
         * @description Sets the new password, ends every session of the account, and counts the address as verified.
         *
         *     Public: no token needed.
         */
        post: operations["accounts_confirmPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the live log-in sessions of the signed-in user, the one asking marked current.
         * @description Needs a logged-in user (access token).
         */
        get: operations["accountSessions_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Log one of your sessions out (its refresh and access tokens stop working).
         * @description Needs a logged-in user (access token).
         */
        delete: operations["accountSessions_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logoutEverywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log out every session of the signed-in user, this one included.
         * @description Needs a logged-in user (access token).
         */
        post: operations["accountSessions_logoutEverywhere"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the password.
         * @description The current one is asked, guesses slowed as at log-in; every other session is logged out.
         *
         *     Needs a logged-in user (access token).
         */
        post: operations["accountSessions_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pending invitations.
         * @description Needs the permission `members:manage` in the tenant.
         */
        get: operations["invitations_pending"];
        put?: never;
        /**
         * Invite someone to the tenant by email.
         * @description Queues a mail with a one-time link that adds the address to this tenant with `role` (creating
         *     its account if need be). Answers at once with the delivery state and the link, whether or not
         *     the SMTP server is up: the worker retries the mail.
         *
         *     Needs the permission `members:manage` in the tenant.
         */
        post: operations["invitations_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/invitations/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a pending invitation again with a new link; the old link stops working.
         * @description Needs the permission `members:manage` in the tenant.
         */
        post: operations["invitations_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Look up what an invitation link invites to.
         * @description Names the tenant, the inviter and the role, and whether accepting needs a password, before accepting it: only whoever holds the token learns anything.
         *
         *     Public: no token needed.
         */
        post: operations["invitations_lookup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw a pending invitation.
         * @description Its link stops working; only an owner withdraws an invitation to become owner.
         *
         *     Needs the permission `members:manage` in the tenant.
         */
        delete: operations["invitations_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation.
         * @description The token proves the invited mailbox. An account with that address whose owner proved it
         *     (verified) joins the tenant; otherwise a password is needed: it creates the account, or, for
         *     an account whose address was never verified, replaces its password and ends every earlier
         *     session of it (whoever signed it up may not own the address). Either way the caller is
         *     logged in.
         *
         *     Public: no token needed.
         */
        post: operations["invitations_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dev/mailbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Development only: list the mails the local mail catcher received, newest first.
         * @description Public: no token needed.
         */
        get: operations["devMailbox_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/auditLog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the audit log.
         * @description Newest first; `from` inclusive, `to` exclusive.
         *
         *     Needs the permission `audit:read` in the tenant.
         */
        get: operations["auditLog_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/bundles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List bundle versions, newest first.
         * @description Needs the permission `bundles:read` in the tenant.
         */
        get: operations["bundles_list"];
        put?: never;
        /**
         * Upload a DAG bundle (a new version).
         * @description Needs the permission `bundles:deploy` in the tenant.
         */
        post: operations["bundles_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/bundles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a bundle version with its parse errors.
         * @description Needs the permission `bundles:read` in the tenant.
         */
        get: operations["bundles_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/bundles/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make an earlier bundle version active again.
         * @description Needs the permission `bundles:deploy` in the tenant.
         */
        post: operations["bundles_rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List DAGs.
         * @description The tenant's DAGs, searched, filtered, sorted and paged, each with its newest runs and SLA misses.
         *
         *     Needs the permission `dags:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["dags_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a DAG with its tasks.
         * @description Needs the permission `dags:read` in the tenant.
         */
        get: operations["dags_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Pause, unpause or move a DAG to a team.
         * @description Needs the permission `dags:edit` in the tenant.
         */
        patch: operations["dags_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/source": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a DAG's source file.
         * @description The file that defines the DAG, as uploaded in the bundle version the DAG is on, the version a run pinned (`runId`) or a chosen version (`versionId`).
         *
         *     Needs the permission `dags:read` in the tenant.
         */
        get: operations["dags_source"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/grid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a DAG's grid view.
         * @description In one answer: the task structure once, then each of the newest runs (oldest first) as a string of state letters (see `GRID_STATE_CODES` in docs/api.md).
         *
         *     Needs the permission `runs:read` in the tenant.
         */
        get: operations["dags_grid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a DAG's stored versions, newest first, with their bundle versions.
         * @description Needs the permission `dags:read` in the tenant.
         */
        get: operations["dags_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/versions/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compare two versions of a DAG.
         * @description What changed between them: tasks added, removed and changed (option by option), edges, DAG options.
         *
         *     Needs the permission `dags:read` in the tenant.
         */
        get: operations["dags_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a DAG's runs, newest first.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["dagRuns_list"];
        put?: never;
        /**
         * Trigger a run of a DAG.
         * @description Needs the permission `dags:trigger` in the tenant.
         */
        post: operations["dagRuns_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a run.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["dagRuns_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mark a run success or failed.
         * @description Marking it failed cancels it. With `dryRun`, lists the task instances it would change instead.
         *
         *     Needs the permission `runs:edit` in the tenant.
         */
        patch: operations["dagRuns_mark"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/clear": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clear a run's task instances so they run again.
         * @description With `dryRun`, lists the task instances it would clear and changes nothing.
         *
         *     Needs the permission `runs:edit` in the tenant.
         */
        post: operations["dagRuns_clear"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dagRuns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the runs of every DAG the caller may see, newest first, filtered by state and type.
         * @description Needs the permission `runs:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["tenantRuns_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a DAG's backfills.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["backfills_list"];
        put?: never;
        /**
         * Backfill a DAG over a range of logical dates.
         * @description With `dryRun`, lists the logical dates it would create, reprocess and skip, and creates nothing.
         *
         *     Needs the permission `runs:edit` in the tenant.
         */
        post: operations["backfills_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/backfills/{backfillId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a backfill with its run counts.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["backfills_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List pools with their slot use.
         * @description Needs the permission `pools:read` in the tenant.
         */
        get: operations["pools_list"];
        put?: never;
        /**
         * Create a pool.
         * @description Needs the permission `pools:manage` in the tenant.
         */
        post: operations["pools_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/pools/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a pool.
         * @description Needs the permission `pools:read` in the tenant.
         */
        get: operations["pools_get"];
        put?: never;
        post?: never;
        /**
         * Delete a pool.
         * @description Needs the permission `pools:manage` in the tenant.
         */
        delete: operations["pools_remove"];
        options?: never;
        head?: never;
        /**
         * Change a pool's slots or description.
         * @description Needs the permission `pools:manage` in the tenant.
         */
        patch: operations["pools_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a run's task instances.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["taskInstances_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task instance (a mapped task's by `?mapIndex=`).
         * @description With its last failed try's exit reason as `error`.
         *
         *     Needs the permission `runs:read` in the tenant.
         */
        get: operations["taskInstances_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Mark a task instance success or failed.
         * @description With `dryRun`, lists the task instances it would change instead.
         *
         *     Needs the permission `runs:edit` in the tenant.
         */
        patch: operations["taskInstances_mark"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/tries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every try of a task instance: host, start and end, state and exit reason.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["taskInstances_triesOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Why a task instance is not running yet.
         * @description Each named check (run, state, trigger rule, retry or reschedule wait, pool, tenant limit, maxActiveTasks), met or not, with its reason.
         *
         *     Needs the permission `runs:read` in the tenant.
         */
        get: operations["taskInstances_dependenciesOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/logs/{try}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task try's log.
         * @description Needs the permission `logs:read` in the tenant.
         */
        get: operations["taskInstances_logsOf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/logs/{try}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a task try's log (Server-Sent Events).
         * @description The try's log as Server-Sent Events: every stored line (`message` events), then new lines as
         *     the worker writes them, and one `end` event with the task's state once the try is over.
         *
         *     Needs the permission `logs:read` in the tenant.
         */
        get: operations["taskInstances_streamLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/dags/{dagId}/dagRuns/{runId}/taskInstances/{taskId}/xcomEntries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task's XCom entries.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["taskInstances_xcomEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the tenant's settings.
         * @description Its settings, usage now, and the caller's role and permissions in it (people only, not API tokens).
         *
         *     Needs the permission `tenant:read` in the tenant.
         */
        get: operations["tenantSettings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename the tenant.
         * @description Default channels are set on each channel, the running-task limit by the platform.
         *
         *     Needs the permission `tenant:manage` in the tenant.
         */
        patch: operations["tenantSettings_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/settings/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the tenant's retention.
         * @description How many days finished runs (with their task instances, tries, logs and XComs), log lines, XComs and audit
         *     entries are kept, and whether the tenant set each or the platform default applies.
         *
         *     Needs the permission `tenant:read` in the tenant.
         */
        get: operations["tenantSettings_retention"];
        /**
         * Set the tenant's retention.
         * @description All four at once; a field left out or null goes back to the platform default. Older data goes at the
         *     scheduler's next hourly cleaning; queued and running runs are never removed.
         *
         *     Needs the permission `tenant:manage` in the tenant.
         */
        put: operations["tenantSettings_setRetention"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's members.
         * @description Needs the permission `tenant:read` in the tenant.
         */
        get: operations["members_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from the tenant.
         * @description Needs the permission `members:manage` in the tenant.
         */
        delete: operations["members_remove"];
        options?: never;
        head?: never;
        /**
         * Change a member's tenant role.
         * @description Needs the permission `members:manage` in the tenant.
         */
        patch: operations["members_changeRole"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List teams.
         * @description Needs the permission `teams:read` in the tenant.
         */
        get: operations["teams_list"];
        put?: never;
        /**
         * Create a team.
         * @description Needs the permission `teams:manage` in the tenant.
         */
        post: operations["teams_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/teams/{team}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a team with its members.
         * @description Needs the permission `teams:read` in the tenant.
         */
        get: operations["teams_get"];
        put?: never;
        post?: never;
        /**
         * Delete a team.
         * @description Needs the permission `teams:manage` in the tenant.
         */
        delete: operations["teams_remove"];
        options?: never;
        head?: never;
        /**
         * Change a team's description.
         * @description Needs the permission `teams:manage` in the tenant.
         */
        patch: operations["teams_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/teams/{team}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a member to a team or change their team role.
         * @description Adds a tenant member to the team, or changes their team role.
         *
         *     Needs the permission `teams:manage` in the tenant.
         */
        put: operations["teams_setMember"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/teams/{team}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member from a team.
         * @description Needs the permission `teams:manage` in the tenant.
         */
        delete: operations["teams_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/apiTokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's API tokens.
         * @description Needs the permission `tokens:manage` in the tenant.
         */
        get: operations["apiTokens_list"];
        put?: never;
        /**
         * Create an API token (shown once).
         * @description Needs the permission `tokens:manage` in the tenant.
         */
        post: operations["apiTokens_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/apiTokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token.
         * @description Needs the permission `tokens:manage` in the tenant.
         */
        delete: operations["apiTokens_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/variables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List variables.
         * @description Needs the permission `variables:read` in the tenant.
         */
        get: operations["variables_list"];
        put?: never;
        /**
         * Create a variable.
         * @description Needs the permission `variables:edit` in the tenant.
         */
        post: operations["variables_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/variables/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a variable.
         * @description Needs the permission `variables:read` in the tenant.
         */
        get: operations["variables_get"];
        put?: never;
        post?: never;
        /**
         * Delete a variable.
         * @description Needs the permission `variables:edit` in the tenant.
         */
        delete: operations["variables_remove"];
        options?: never;
        head?: never;
        /**
         * Change a variable.
         * @description Needs the permission `variables:edit` in the tenant.
         */
        patch: operations["variables_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List connections.
         * @description Needs the permission `connections:read` in the tenant.
         */
        get: operations["connections_list"];
        put?: never;
        /**
         * Create a connection.
         * @description Needs the permission `connections:edit` in the tenant.
         */
        post: operations["connections_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/connections/{connId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a connection.
         * @description Needs the permission `connections:read` in the tenant.
         */
        get: operations["connections_get"];
        put?: never;
        post?: never;
        /**
         * Delete a connection.
         * @description Needs the permission `connections:edit` in the tenant.
         */
        delete: operations["connections_remove"];
        options?: never;
        head?: never;
        /**
         * Change a connection.
         * @description Needs the permission `connections:edit` in the tenant.
         */
        patch: operations["connections_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/connections/{connId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a connection.
         * @description Connects as a task would (http GET or `SELECT 1`, through the egress policy) and says whether it worked.
         *
         *     Needs the permission `connections:edit` in the tenant.
         */
        post: operations["connections_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/notificationChannels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notification channels.
         * @description Needs the permission `channels:read` in the tenant.
         */
        get: operations["notificationChannels_list"];
        put?: never;
        /**
         * Create a notification channel.
         * @description Needs the permission `channels:edit` in the tenant.
         */
        post: operations["notificationChannels_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/notificationChannels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a notification channel.
         * @description Needs the permission `channels:read` in the tenant.
         */
        get: operations["notificationChannels_get"];
        put?: never;
        post?: never;
        /**
         * Delete a notification channel.
         * @description Needs the permission `channels:edit` in the tenant.
         */
        delete: operations["notificationChannels_remove"];
        options?: never;
        head?: never;
        /**
         * Change a notification channel.
         * @description Needs the permission `channels:edit` in the tenant.
         */
        patch: operations["notificationChannels_update"];
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/notificationChannels/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message through a channel.
         * @description Sends a test message now (not queued) and says whether the channel accepted it; the attempt is logged like any other.
         *
         *     Needs the permission `channels:edit` in the tenant.
         */
        post: operations["notificationChannels_test"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/notificationDeliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List notification deliveries, newest first.
         * @description Needs the permission `channels:read` in the tenant.
         */
        get: operations["notificationDeliveries_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List assets with the tasks that produce them and the DAGs that consume them.
         * @description Needs the permission `assets:read` in the tenant.
         */
        get: operations["assets_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/assets/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an asset's events, newest first.
         * @description Needs the permission `assets:read` in the tenant.
         */
        get: operations["assets_events"];
        put?: never;
        /**
         * Record an asset event by hand: the DAGs scheduled on the asset see it as an update.
         * @description Needs the permission `assets:emit` in the tenant.
         */
        post: operations["assets_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/assets/queuedEvents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the events waiting for a consuming DAG's condition to be met.
         * @description Needs the permission `assets:read` in the tenant.
         */
        get: operations["assets_queued"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhooks (without their secrets).
         * @description Needs the permission `webhooks:manage` in the tenant.
         */
        get: operations["webhooks_list"];
        put?: never;
        /**
         * Create a webhook bound to an asset or a DAG; the answer shows its secret, once.
         * @description Needs the permission `webhooks:manage` in the tenant.
         */
        post: operations["webhooks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/webhooks/{name}/rotateSecret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a webhook's secret (the old one stops working at once); the answer shows the new one, once.
         * @description Needs the permission `webhooks:manage` in the tenant.
         */
        post: operations["webhooks_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/webhooks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a webhook (its call log goes with it).
         * @description Needs the permission `webhooks:manage` in the tenant.
         */
        delete: operations["webhooks_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/webhooks/{name}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the calls made to a webhook and their outcomes, newest first.
         * @description Needs the permission `webhooks:manage` in the tenant.
         */
        get: operations["webhooks_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hooks/{slug}/{hook}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Call a webhook: records an event of its asset or triggers a run of its DAG.
         * @description Sign `<timestamp>.<raw body>` with HMAC-SHA256 and the hook's secret and send it as
         *     `X-Updraft-Signature: sha256=<hex>`, with `X-Updraft-Timestamp` (Unix seconds, within
         *     WEBHOOK_TOLERANCE_SECONDS of now) and a unique `X-Updraft-Delivery` id: a delivery id
         *     accepted before makes nothing new and answers `duplicate`. Every call is logged with its outcome.
         *
         *     Public: no token needed.
         */
        post: operations["webhookCalls_call"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/slaMisses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List SLA and deadline misses, newest first.
         * @description Needs the permission `runs:read` in the tenant.
         */
        get: operations["slaMisses_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List incidents: unresolved first, newest first within each.
         * @description Needs the permission `incidents:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["incidents_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/incidents/{incidentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident with the runs it concerns and its timeline.
         * @description Needs the permission `incidents:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["incidents_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/incidents/{incidentId}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an open incident (it stops escalating).
         * @description Needs the permission `incidents:respond` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        post: operations["incidents_acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/incidents/{incidentId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an incident by hand.
         * @description Needs the permission `incidents:respond` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        post: operations["incidents_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/incidents/{incidentId}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a note to an incident's timeline.
         * @description Needs the permission `incidents:respond` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        post: operations["incidents_addNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List approval questions, newest first.
         * @description Needs the permission `runs:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["approvals_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one approval question, with who must answer it and its answer.
         * @description Needs the permission `runs:read` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        get: operations["approvals_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenant}/approvals/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Answer an approval question.
         * @description Only an assignee with `runs:edit` on the DAG may answer; the first valid answer wins (a later
         *     one is a 409 naming it). The step then ends with `{ option, form, answeredBy, via, answeredAt }`
         *     as its XCom.
         *
         *     Needs the permission `runs:edit` in the tenant; lists only the DAGs of the member's teams when the role is a team role.
         */
        post: operations["approvals_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Health: {
            status: string;
        };
        SignupDto: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @description At least 12 characters, not a common password, not the email. */
            password: string;
            /** @example acme */
            tenantSlug: string;
            /** @example Acme Data */
            tenantName?: string;
        };
        User: {
            id: string;
            email: string;
            emailVerified?: boolean;
        };
        MailDelivery: {
            /**
             * @description `failed`: an attempt failed and another follows; `abandoned`: the last attempt failed.
             * @enum {string}
             */
            status: "abandoned" | "failed" | "queued" | "sent";
            attempts: number;
            lastError: string | null;
            /** Format: date-time */
            sentAt: string | null;
        };
        SignupResponse: {
            user: components["schemas"]["User"];
            tenant: {
                id: string;
                slug: string;
                name: string;
            };
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
            /** @description Where the verification mail stands: it leaves through the retried notifications queue, so sign-up never waits on mail. */
            verification: components["schemas"]["MailDelivery"];
            accessToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            refreshToken: string;
        };
        ApiErrorBody: {
            statusCode: number;
            error: string;
            message: string;
            /** @description Per-field problems (`{ field, problems }`) or other specifics of the error. */
            details?: unknown[];
        };
        LoginDto: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            password: string;
        };
        TenantMembership: {
            slug: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
        };
        LoginResponse: {
            user: components["schemas"]["User"];
            tenants: components["schemas"]["TenantMembership"][];
            accessToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            refreshToken: string;
        };
        RefreshDto: {
            refreshToken: string;
        };
        SessionTokens: {
            accessToken: string;
            /** @description Seconds until the access token expires. */
            expiresIn: number;
            refreshToken: string;
        };
        MeResponse: {
            user: components["schemas"]["User"];
            tenants: components["schemas"]["TenantMembership"][];
        };
        TokenDto: {
            token: string;
        };
        UserResponse: {
            user: components["schemas"]["User"];
        };
        VerificationSent: {
            /** @description False when the address is already verified. */
            sent: boolean;
            /** @description Where the mail stands (when one was sent). */
            delivery?: components["schemas"]["MailDelivery"];
        };
        EmailDto: {
            /** Format: email */
            email: string;
        };
        PasswordResetRequested: {
            message: string;
            /**
             * @description `queued`, the same whether or not the address has an account (a real state would tell who has
             *     one): the mail, when there is one, leaves through the retried notifications queue.
             */
            delivery: components["schemas"]["MailDelivery"];
        };
        ResetPasswordDto: {
            token: string;
            password: string;
        };
        AccountSession: {
            id: string;
            ip: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            lastUsedAt: string;
            /** @description The session of the access token asking. */
            current: boolean;
        };
        AccountSessionList: {
            items: components["schemas"]["AccountSession"][];
        };
        ChangePasswordDto: {
            currentPassword: string;
            newPassword: string;
        };
        InviteDto: {
            /** Format: email */
            email: string;
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
        };
        Invitation: {
            id: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            delivery: components["schemas"]["MailDelivery"];
            /** @description Only in the answer to inviting or re-sending (the token is stored as its hash): to copy and pass on by hand. */
            link?: string;
        };
        InvitationPreview: {
            email: string;
            tenant: {
                slug: string;
                name: string;
            };
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
            inviter: string | null;
            /** Format: date-time */
            expiresAt: string;
            /**
             * @description Accepting needs a password: there is no account for the address yet, or it never confirmed its address.
             * @enum {string|null}
             */
            passwordNeeded: "no_account" | "unverified_account" | null;
        };
        InvitationList: {
            items: components["schemas"]["Invitation"][];
        };
        AcceptInvitationDto: {
            token: string;
            /** @description Needed only when the invited address has no account yet. */
            password?: string;
        };
        InvitationAccepted: {
            user: components["schemas"]["User"];
            tenant: {
                slug: string;
                name: string;
            };
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
            /** @description True when accepting created the account (then `session` logs it in). */
            created: boolean;
            /** @description True when the address had an unverified account: accepting set its password and ended its earlier sessions (then `session` logs it in). */
            claimed: boolean;
            alreadyMember: boolean;
            session?: components["schemas"]["SessionTokens"];
        };
        DevMail: {
            id: string;
            /** Format: date-time */
            receivedAt: string;
            from: string;
            to: string[];
            subject: string;
            text: string;
            /** @description The http(s) links in the text, in order. */
            links: string[];
        };
        DevMailList: {
            items: components["schemas"]["DevMail"][];
        };
        AuditEntry: {
            id: string;
            at: string;
            actor: {
                userId: string | null;
                email: string | null;
            };
            action: string;
            target: {
                [key: string]: string;
            };
            /** @enum {string} */
            outcome: "error" | "failure" | "success";
            statusCode: number;
            ip: string | null;
        };
        AuditEntryPage: {
            items: components["schemas"]["AuditEntry"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        BundleError: {
            file: string;
            line?: number;
            message: string;
        };
        Bundle: {
            id: string;
            name: string;
            version: number;
            /** @enum {string} */
            status: "active" | "failed" | "parsing" | "pending" | "superseded";
            errors: components["schemas"]["BundleError"][];
            dagIds: string[];
            archiveSha256: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            parsedAt: string | null;
            /** @description E-mail of the member who uploaded it; null when they left the tenant. */
            deployedBy: string | null;
        };
        BundlePage: {
            items: components["schemas"]["Bundle"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        LastRun: {
            runId: string;
            /** @enum {string} */
            state: "failed" | "queued" | "running" | "success";
            /** Format: date-time */
            logicalDate: string;
        };
        DagListItem: {
            recentRuns: components["schemas"]["LastRun"][];
            slaMisses: number;
            /** @example do_nice_things */
            dagId: string;
            description: string | null;
            schedule: string | null;
            /** @description The asset condition that also triggers runs, as written (`(s3://a & s3://b)`); null when none. */
            assetSchedule: string | null;
            timezone: string;
            startDate: string | null;
            catchup: boolean;
            tags: string[];
            team: string | null;
            /** @description The distinct owners of its tasks. */
            owners: string[];
            isPaused: boolean;
            isActive: boolean;
            bundleName: string;
            bundleVersion: number;
            lastRun: components["schemas"]["LastRun"] | null;
            /**
             * Format: date-time
             * @description When the scheduler next looks at the DAG (the end of its next data interval); null when manual or paused.
             */
            nextRunAt: string | null;
        };
        DagListPage: {
            items: components["schemas"]["DagListItem"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        DagTask: {
            taskId: string;
            operator: string;
            upstream: string[];
            downstream: string[];
            triggerRule: string;
            retries: number;
            source: string | null;
        };
        DagDetail: {
            params: {
                [key: string]: unknown;
            };
            source: string | null;
            tasks: components["schemas"]["DagTask"][];
            /** @example do_nice_things */
            dagId: string;
            description: string | null;
            schedule: string | null;
            /** @description The asset condition that also triggers runs, as written (`(s3://a & s3://b)`); null when none. */
            assetSchedule: string | null;
            timezone: string;
            startDate: string | null;
            catchup: boolean;
            tags: string[];
            team: string | null;
            /** @description The distinct owners of its tasks. */
            owners: string[];
            isPaused: boolean;
            isActive: boolean;
            bundleName: string;
            bundleVersion: number;
            lastRun: components["schemas"]["LastRun"] | null;
            /**
             * Format: date-time
             * @description When the scheduler next looks at the DAG (the end of its next data interval); null when manual or paused.
             */
            nextRunAt: string | null;
        };
        DagSource: {
            dagId: string;
            bundleVersion: number;
            file: string;
            line: number;
            content: string;
            /** @description The DAG version whose source this is. */
            dagVersionId: string;
        };
        GridTask: {
            taskId: string;
            operator: string;
            groupId: string | null;
            mapped: boolean;
        };
        GridGroup: {
            groupId: string;
            parentGroupId: string | null;
        };
        GridRun: {
            runId: string;
            /** @enum {string} */
            state: "failed" | "queued" | "running" | "success";
            /** @enum {string} */
            runType: "asset_triggered" | "backfill" | "manual" | "scheduled";
            /** Format: date-time */
            logicalDate: string;
            /** Format: date-time */
            queuedAt: string;
            /** Format: date-time */
            startDate: string | null;
            /** Format: date-time */
            endDate: string | null;
            /** @description One GRID_STATE_CODES letter per task of `GridData.tasks`, in that order; a mapped task's letter is its most urgent state. */
            states: string;
            /** @description For mapped tasks (by index in `GridData.tasks`): how many of its instances are in each state. */
            mapped: {
                [key: string]: unknown;
            };
        };
        GridData: {
            dagId: string;
            tasks: components["schemas"]["GridTask"][];
            groups: components["schemas"]["GridGroup"][];
            runs: components["schemas"]["GridRun"][];
        };
        DagVersionView: {
            id: string;
            dagId: string;
            bundleVersionId: string;
            bundleName: string;
            bundleVersion: number;
            bundleStatus: string;
            hash: string;
            /** Format: date-time */
            createdAt: string;
            isCurrent: boolean;
            taskCount: number;
        };
        OptionChange: {
            option: string;
            /** @description The value before, any JSON (absent: the option was not set). */
            from: unknown;
            /** @description The value after, any JSON (absent: the option was removed). */
            to: unknown;
        };
        TaskChange: {
            taskId: string;
            changed: components["schemas"]["OptionChange"][];
        };
        DagStructureDiffView: {
            addedTasks: string[];
            removedTasks: string[];
            changedTasks: components["schemas"]["TaskChange"][];
            /** @description Edges as `[upstream, downstream]`. */
            addedEdges: string[][];
            /** @description Edges as `[upstream, downstream]`. */
            removedEdges: string[][];
            changedOptions: components["schemas"]["OptionChange"][];
        };
        DagVersionDiff: {
            from: components["schemas"]["DagVersionView"];
            to: components["schemas"]["DagVersionView"];
            structure: components["schemas"]["DagStructureDiffView"];
        };
        UpdateDagDto: {
            isPaused?: boolean;
            /** @description A team name, or null to fall back to the team the DAG's code names. */
            team?: string | null;
        };
        TriggerDagRunDto: {
            /** @description The logical date (ISO 8601) and the data interval of the manual run; default: now */
            logicalDate?: string;
            /**
             * @description Values for the DAG's params, checked against their declared types (the run's conf).
             * @example {
             *       "region": "eu"
             *     }
             */
            conf?: {
                [key: string]: unknown;
            };
        };
        RunBundle: {
            name: string;
            version: number;
        };
        DagRun: {
            /** @example manual__2024-01-01T00:00:00.000+00:00 */
            runId: string;
            dagId: string;
            /** @enum {string} */
            state: "failed" | "queued" | "running" | "success";
            /** @enum {string} */
            runType: "asset_triggered" | "backfill" | "manual" | "scheduled";
            /** Format: date-time */
            logicalDate: string;
            dataIntervalStart: string;
            dataIntervalEnd: string;
            conf: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            queuedAt: string;
            /** Format: date-time */
            startDate: string | null;
            /** Format: date-time */
            endDate: string | null;
            /** @description The bundle version the run pinned (answered by the single-run route only). */
            bundle?: components["schemas"]["RunBundle"] | null;
        };
        DagRunPage: {
            items: components["schemas"]["DagRun"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        AffectedTaskInstance: {
            taskId: string;
            mapIndex: number;
            /** @enum {string} */
            state: "awaiting_input" | "failed" | "none" | "queued" | "removed" | "running" | "scheduled" | "skipped" | "success" | "up_for_reschedule" | "up_for_retry" | "upstream_failed";
        };
        MarkPreview: {
            dryRun: boolean;
            /** @enum {string} */
            state: "failed" | "success";
            taskInstances: components["schemas"]["AffectedTaskInstance"][];
        };
        MarkStateDto: {
            /** @enum {string} */
            state: "failed" | "success";
            /** @description List the task instances the mark would change, and change nothing */
            dryRun?: boolean;
        };
        ClearTaskInstancesDto: {
            downstream?: boolean;
            upstream?: boolean;
            /** @description Only failed and upstream_failed instances */
            onlyFailed?: boolean;
            /** @description List the task instances that would be cleared, and clear nothing */
            dryRun?: boolean;
            /**
             * @description Clear only these tasks (with their relatives as asked); default: every task of the run.
             * @example [
             *       "clean_the_data"
             *     ]
             */
            taskIds?: string[];
        };
        ClearResult: {
            /** @description Task ids cleared, sorted. */
            cleared: string[];
            taskInstances: components["schemas"]["AffectedTaskInstance"][];
            dryRun: boolean;
        };
        CreateBackfillDto: {
            /** @description First logical date (ISO 8601), included */
            from: string;
            /** @description Last logical date (ISO 8601), included */
            to: string;
            /** @description Clear and run again the finished runs already in the range */
            reprocess?: boolean;
            /** @description Answer with the logical dates it would create, reprocess and skip, and create nothing */
            dryRun?: boolean;
        };
        BackfillPlan: {
            dryRun: boolean;
            create: string[];
            reprocess: string[];
            skip: string[];
        };
        BackfillCreated: {
            /** @description New runs of type `backfill`, oldest first; they start as `maxActiveRuns` allows. */
            created: components["schemas"]["DagRun"][];
            /** @description Existing runs cleared to run again (with `reprocess`). */
            reprocessed: components["schemas"]["DagRun"][];
            /** @description Logical dates left alone: they already had a run (unfinished, or `reprocess` was not asked). */
            skipped: string[];
            id: string;
            dagId: string;
            from: string;
            to: string;
            reprocess: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description How many of its runs are in each state. */
            runs: {
                [key: string]: number;
            };
        };
        Backfill: {
            id: string;
            dagId: string;
            from: string;
            to: string;
            reprocess: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description How many of its runs are in each state. */
            runs: {
                [key: string]: number;
            };
        };
        BackfillPage: {
            items: components["schemas"]["Backfill"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        Pool: {
            name: string;
            slots: number;
            description: string;
            /** @description Slots held by running task instances. */
            runningSlots: number;
            /** @description Slots held by task instances queued for a worker. */
            queuedSlots: number;
            /** @description Slots still free. */
            openSlots: number;
            /** @description Ready task instances waiting for a slot (of this pool, their tenant's limit or the platform's). */
            scheduledTasks: number;
            /** Format: date-time */
            updatedAt: string;
        };
        PoolPage: {
            items: components["schemas"]["Pool"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        CreatePoolDto: {
            /** @example db */
            name: string;
            /** @example 4 */
            slots: number;
            description?: string;
        };
        UpdatePoolDto: {
            slots?: number;
            description?: string;
        };
        TaskInstance: {
            taskId: string;
            mapIndex: number;
            operator: string;
            /** @enum {string} */
            state: "awaiting_input" | "failed" | "none" | "queued" | "removed" | "running" | "scheduled" | "skipped" | "success" | "up_for_reschedule" | "up_for_retry" | "upstream_failed";
            tryNumber: number;
            maxTries: number;
            /** Format: date-time */
            queuedAt: string | null;
            /** Format: date-time */
            startDate: string | null;
            /** Format: date-time */
            endDate: string | null;
            durationMs: number | null;
            hostname: string | null;
            /** @description How the last try failed (its exit reason), for failed instances and those up for retry. */
            error: string | null;
        };
        TaskInstancePage: {
            items: components["schemas"]["TaskInstance"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        TaskTry: {
            tryNumber: number;
            /** @enum {string|null} */
            state: "awaiting_input" | "failed" | "none" | "queued" | "removed" | "running" | "scheduled" | "skipped" | "success" | "up_for_reschedule" | "up_for_retry" | "upstream_failed" | null;
            hostname: string | null;
            /** Format: date-time */
            startDate: string;
            /** Format: date-time */
            endDate: string | null;
            durationMs: number | null;
            exitReason: string | null;
        };
        TaskTryList: {
            items: components["schemas"]["TaskTry"][];
        };
        TaskDependencyStatus: {
            name: string;
            met: boolean;
            reason: string;
        };
        TaskDependencies: {
            taskId: string;
            mapIndex: number;
            /** @enum {string} */
            state: "awaiting_input" | "failed" | "none" | "queued" | "removed" | "running" | "scheduled" | "skipped" | "success" | "up_for_reschedule" | "up_for_retry" | "upstream_failed";
            /** @description Every check; the unmet ones are why it waits. */
            dependencies: components["schemas"]["TaskDependencyStatus"][];
        };
        TaskLogLine: {
            /** Format: date-time */
            timestamp: string;
            /** @enum {string} */
            stream: "stderr" | "stdout" | "system";
            message: string;
        };
        TaskLog: {
            taskId: string;
            tryNumber: number;
            lines: components["schemas"]["TaskLogLine"][];
            /** @description Pass as `after` to read the following page; null when this page ends what is stored so far. */
            next: string | null;
            /** @description The worker cut the try's output at its limit; a `system` line marks where. */
            truncated: boolean;
        };
        XComEntry: {
            key: string;
            mapIndex: number;
            /** @description The value the task returned (or pushed), any JSON. */
            value: unknown;
        };
        XComEntryList: {
            items: components["schemas"]["XComEntry"][];
        };
        TenantSettings: {
            slug: string;
            name: string;
            runningTaskLimit: {
                value: number;
                /** @enum {string} */
                source: "platform" | "tenant";
                editable: boolean;
            };
            defaultChannels: {
                id: string;
                name: string;
                type: string;
            }[];
            usage: {
                dags: number;
                runsToday: number;
                tasksRunning: number;
            };
            you: {
                /** @enum {string} */
                role: "admin" | "editor" | "member" | "owner" | "viewer";
                permissions: ("assets:emit" | "assets:read" | "audit:read" | "bundles:deploy" | "bundles:read" | "channels:edit" | "channels:read" | "connections:edit" | "connections:read" | "dags:edit" | "dags:read" | "dags:trigger" | "incidents:read" | "incidents:respond" | "logs:read" | "members:manage" | "pools:manage" | "pools:read" | "runs:edit" | "runs:read" | "teams:manage" | "teams:read" | "tenant:manage" | "tenant:read" | "tokens:manage" | "variables:edit" | "variables:read" | "webhooks:manage")[];
                teamRoles: {
                    [key: string]: unknown;
                };
            };
        };
        UpdateTenantSettingsDto: {
            /**
             * @description The tenant’s display name (its slug never changes)
             * @example Acme Data
             */
            name: string;
        };
        RetentionSetting: {
            days: number;
            /** @enum {string} */
            source: "platform" | "tenant";
        };
        TenantRetention: {
            /** @description Finished runs with their task instances, tries, logs, XComs and SLA misses (by the run's end). */
            runs: components["schemas"]["RetentionSetting"];
            /** @description Log lines of finished runs. */
            logs: components["schemas"]["RetentionSetting"];
            /** @description XComs of finished runs. */
            xcom: components["schemas"]["RetentionSetting"];
            auditLog: components["schemas"]["RetentionSetting"];
        };
        UpdateTenantRetentionDto: {
            /** @description Days to keep finished runs with their task instances, tries, logs and XComs; null or absent: the platform default */
            runsDays?: number | null;
            /** @description Days to keep log lines of finished runs; null or absent: the platform default */
            logsDays?: number | null;
            /** @description Days to keep XComs of finished runs; null or absent: the platform default */
            xcomDays?: number | null;
            /** @description Days to keep audit log entries; null or absent: the platform default */
            auditLogDays?: number | null;
        };
        TenantMemberView: {
            userId: string;
            email: string;
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
            /** Format: date-time */
            joinedAt: string;
        };
        TenantMemberList: {
            items: components["schemas"]["TenantMemberView"][];
        };
        ChangeRoleDto: {
            /** @enum {string} */
            role: "admin" | "editor" | "member" | "owner" | "viewer";
        };
        Team: {
            name: string;
            description: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        TeamList: {
            items: components["schemas"]["Team"][];
        };
        CreateTeamDto: {
            name: string;
            description?: string | null;
        };
        TeamMember: {
            userId: string;
            email: string;
            /** @enum {string} */
            role: "editor" | "viewer";
        };
        TeamDetail: {
            name: string;
            description: string | null;
            /** Format: date-time */
            createdAt: string;
            members: components["schemas"]["TeamMember"][];
        };
        UpdateTeamDto: {
            name?: string;
            description?: string | null;
        };
        SetTeamMemberDto: {
            /** Format: email */
            email: string;
            /** @enum {string} */
            role: "editor" | "viewer";
        };
        ApiToken: {
            id: string;
            name: string;
            /** @description The token's first characters, to recognise it by; the token itself is shown once. */
            hint: string;
            scopes: ("assets:emit" | "bundles:deploy" | "connections:edit" | "dags:edit" | "dags:trigger" | "read" | "runs:edit" | "variables:edit")[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            lastUsedAt: string | null;
        };
        ApiTokenList: {
            items: components["schemas"]["ApiToken"][];
        };
        CreateApiTokenDto: {
            name: string;
            scopes: ("assets:emit" | "bundles:deploy" | "connections:edit" | "dags:edit" | "dags:trigger" | "read" | "runs:edit" | "variables:edit")[];
            expiresInDays?: number;
        };
        CreatedApiToken: {
            id: string;
            name: string;
            /** @description The token's first characters, to recognise it by; the token itself is shown once. */
            hint: string;
            scopes: ("assets:emit" | "bundles:deploy" | "connections:edit" | "dags:edit" | "dags:trigger" | "read" | "runs:edit" | "variables:edit")[];
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: date-time */
            lastUsedAt: string | null;
            token: string;
        };
        Variable: {
            key: string;
            /** @description `********` when `isSecret`. */
            value: string;
            isSecret: boolean;
            description: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        VariablePage: {
            items: components["schemas"]["Variable"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        CreateVariableDto: {
            /** @example region */
            key: string;
            value: string;
            isSecret?: boolean;
            description?: string | null;
        };
        UpdateVariableDto: {
            value?: string;
            isSecret?: boolean;
            description?: string | null;
        };
        Connection: {
            connId: string;
            connType: string;
            host: string | null;
            port: number | null;
            login: string | null;
            /** @description `********` when a password is set, else null. */
            password: string | null;
            schema: string | null;
            extra: {
                [key: string]: unknown;
            };
            description: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        ConnectionPage: {
            items: components["schemas"]["Connection"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        CreateConnectionDto: {
            connId: string;
            connType: string;
            description?: string | null;
            host?: string | null;
            port?: number | null;
            login?: string | null;
            /** @description Omitted: keep the stored password; null: remove it. */
            password?: string | null;
            schema?: string | null;
            extra?: {
                [key: string]: unknown;
            };
        };
        UpdateConnectionDto: {
            connType?: string;
            description?: string | null;
            host?: string | null;
            port?: number | null;
            login?: string | null;
            /** @description Omitted: keep the stored password; null: remove it. */
            password?: string | null;
            schema?: string | null;
            extra?: {
                [key: string]: unknown;
            };
        };
        ConnectionTestResult: {
            ok: boolean;
            message: string;
            durationMs: number;
        };
        NotificationChannel: {
            id: string;
            name: string;
            /** @enum {string} */
            type: "email" | "slack";
            isDefault: boolean;
            /** @description Secrets show as `********`; sending that value back keeps the stored secret. */
            config: {
                [key: string]: unknown;
            };
            /** @description True once a notification was given up on after every retry; cleared by the next success or a change. */
            failing: boolean;
            failingSince: string | null;
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        NotificationChannelPage: {
            items: components["schemas"]["NotificationChannel"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        CreateChannelDto: {
            name: string;
            /** @enum {string} */
            type: "email" | "slack";
            isDefault?: boolean;
            config: {
                [key: string]: unknown;
            };
        };
        UpdateChannelDto: {
            name?: string;
            /** @enum {string} */
            type?: "email" | "slack";
            isDefault?: boolean;
            config?: {
                [key: string]: unknown;
            };
        };
        ChannelTestResult: {
            delivered: boolean;
            error: string | null;
        };
        NotificationDelivery: {
            id: string;
            channelId: string;
            notificationKey: string;
            kind: string;
            subject: string;
            /** @enum {string} */
            status: "abandoned" | "failed" | "sent";
            attempt: number;
            error: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        NotificationDeliveryPage: {
            items: components["schemas"]["NotificationDelivery"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        AssetProducer: {
            dagId: string;
            taskId: string;
        };
        AssetConsumer: {
            dagId: string;
            isPaused: boolean;
            /** @description The DAG's whole condition, as written: `(s3://a & s3://b)`. */
            condition: string;
            /** @description Assets of the condition with events waiting for this DAG. */
            queuedUris: string[];
            /** @description Whether those waiting events meet the condition (a run is created at the scheduler's next tick). */
            conditionMet: boolean;
        };
        Asset: {
            uri: string;
            name: string;
            group: string;
            producers: components["schemas"]["AssetProducer"][];
            consumers: components["schemas"]["AssetConsumer"][];
            eventCount: number;
            /** Format: date-time */
            lastEventAt: string | null;
        };
        AssetList: {
            items: components["schemas"]["Asset"][];
        };
        AssetEvent: {
            id: string;
            uri: string;
            /** @enum {string} */
            sourceKind: "api" | "task" | "webhook";
            sourceDagId: string | null;
            sourceRunId: string | null;
            sourceTaskId: string | null;
            sourceMapIndex: number | null;
            /** @description Who made it by hand (their email), or the webhook's name. */
            createdBy: string | null;
            extra: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
        };
        AssetEventPage: {
            items: components["schemas"]["AssetEvent"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        CreateAssetEventDto: {
            /** @example s3://lake/orders */
            uri: string;
            /** @description JSON the consuming runs see with the event. */
            extra?: {
                [key: string]: unknown;
            };
        };
        CreatedAssetEvent: {
            event: components["schemas"]["AssetEvent"];
            /** @description The DAGs whose conditions name the asset: the event waits for each of them. */
            queuedFor: string[];
        };
        QueuedAssetEvent: {
            dagId: string;
            uri: string;
            assetEventId: string;
            /** Format: date-time */
            createdAt: string;
        };
        QueuedAssetEventList: {
            items: components["schemas"]["QueuedAssetEvent"][];
        };
        Webhook: {
            name: string;
            /** @description Set when the hook records an event of this asset. */
            assetUri: string | null;
            /** @description Set when the hook triggers a run of this DAG. */
            dagId: string | null;
            /** @description conf key → JSON path into the call's body (`$.order.id`); empty: the body is the conf. */
            confMapping: {
                [key: string]: string;
            };
            /** @description Where to send calls: `/api/v1/hooks/{tenant}/{name}`. */
            url: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
        };
        CreateWebhookDto: {
            /** @example orders-landed */
            name: string;
            /**
             * @description Each accepted call records an event of this asset (give this or dagId).
             * @example s3://lake/orders
             */
            assetUri?: string;
            /** @description Each accepted call triggers a run of this DAG (give this or assetUri). */
            dagId?: string;
            /** @description conf key → JSON path into the call's body (`$.order.id`); without it the body is the conf. */
            confMapping?: {
                [key: string]: string;
            };
        };
        WebhookWithSecret: {
            name: string;
            /** @description Set when the hook records an event of this asset. */
            assetUri: string | null;
            /** @description Set when the hook triggers a run of this DAG. */
            dagId: string | null;
            /** @description conf key → JSON path into the call's body (`$.order.id`); empty: the body is the conf. */
            confMapping: {
                [key: string]: string;
            };
            /** @description Where to send calls: `/api/v1/hooks/{tenant}/{name}`. */
            url: string;
            /** Format: date-time */
            secretRotatedAt: string;
            /** Format: date-time */
            createdAt: string;
            secret: string;
        };
        WebhookDelivery: {
            id: string;
            deliveryId: string | null;
            /** @description accepted, duplicate, bad_signature, stale_timestamp, too_large, rate_limited, invalid, not_found */
            outcome: string;
            statusCode: number;
            message: string | null;
            bodyBytes: number;
            assetEventId: string | null;
            dagRunId: string | null;
            /** Format: date-time */
            receivedAt: string;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        WebhookCallResult: {
            /**
             * @description accepted, or duplicate (this delivery id was accepted before: nothing new was made).
             * @enum {string}
             */
            outcome: "accepted" | "duplicate";
            assetEventId: string | null;
            dagRunId: string | null;
        };
        SlaMiss: {
            id: string;
            dagId: string;
            runId: string;
            /** @description Null for a DAG deadline miss. */
            taskId: string | null;
            /** @enum {string} */
            kind: "deadline" | "sla";
            /** Format: date-time */
            expectedAt: string;
            /** Format: date-time */
            detectedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: date-time */
            notifiedAt: string | null;
            lateByMs: number;
            /** @description Its alerts' deliveries: `GET notificationDeliveries?notificationKey=…`. */
            notificationKey: string;
        };
        SlaMissPage: {
            items: components["schemas"]["SlaMiss"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        Incident: {
            id: string;
            dagId: string;
            /**
             * @description `sla` (a task's SLA), `deadline` (the DAG's deadline) or `failure` (a run of a critical DAG failed).
             * @enum {string}
             */
            rule: "deadline" | "failure" | "sla";
            /** @enum {string} */
            severity: "critical" | "high" | "low";
            /** @enum {string} */
            state: "acknowledged" | "open" | "resolved";
            title: string;
            /** @description How many misses or failures joined it (the first included). */
            occurrences: number;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            /** @description Who resolved it; null when resolved automatically by a later successful run (or not resolved). */
            resolvedBy: string | null;
            /** Format: date-time */
            escalatedAt: string | null;
        };
        IncidentPage: {
            items: components["schemas"]["Incident"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        IncidentRunRef: {
            runId: string;
            state: string;
            /** Format: date-time */
            logicalDate: string;
            /** Format: date-time */
            joinedAt: string;
        };
        IncidentEvent: {
            at: string;
            /** @enum {string} */
            kind: "acknowledged" | "alerted" | "escalated" | "joined" | "note" | "opened" | "resolved";
            /** @description Who did it (an email); null for what the platform did. */
            actor: string | null;
            /** @description Where it came from: `scheduler`, `api`, `link`. */
            via: string | null;
            text: string;
            /** @description The run it is about, if any. */
            runId: string | null;
        };
        IncidentDetail: {
            id: string;
            dagId: string;
            /**
             * @description `sla` (a task's SLA), `deadline` (the DAG's deadline) or `failure` (a run of a critical DAG failed).
             * @enum {string}
             */
            rule: "deadline" | "failure" | "sla";
            /** @enum {string} */
            severity: "critical" | "high" | "low";
            /** @enum {string} */
            state: "acknowledged" | "open" | "resolved";
            title: string;
            /** @description How many misses or failures joined it (the first included). */
            occurrences: number;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** Format: date-time */
            acknowledgedAt: string | null;
            acknowledgedBy: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            /** @description Who resolved it; null when resolved automatically by a later successful run (or not resolved). */
            resolvedBy: string | null;
            /** Format: date-time */
            escalatedAt: string | null;
            runs: components["schemas"]["IncidentRunRef"][];
            timeline: components["schemas"]["IncidentEvent"][];
        };
        ResolveIncidentDto: {
            /** @description Why or how it was resolved; goes on the timeline. */
            note?: string;
        };
        IncidentNoteDto: {
            text: string;
        };
        Approval: {
            id: string;
            dagId: string;
            runId: string;
            taskId: string;
            mapIndex: number;
            subject: string;
            body: string;
            /** @description The answers offered. */
            options: string[];
            /** @description Fields to fill in with the answer, declared like DAG params. */
            form: {
                [key: string]: unknown;
            };
            /** @description Who must answer (any one of them). */
            assignees: string[];
            /** @description Whether the caller is one of the assignees. */
            mine: boolean;
            /** @enum {string} */
            state: "answered" | "pending" | "timed_out";
            /** Format: date-time */
            timeoutAt: string;
            /** @description What a timeout does: `fail`, `skip` or an option taken as the answer. */
            onTimeout: string;
            option: string | null;
            formValues: {
                [key: string]: unknown;
            } | null;
            answeredBy: string | null;
            /** @enum {string|null} */
            answeredVia: "api" | "console" | "email" | "slack" | "timeout" | null;
            /** Format: date-time */
            answeredAt: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        ApprovalPage: {
            items: components["schemas"]["Approval"][];
            /** @description How many items there are in all. */
            total: number;
            limit: number;
            offset: number;
        };
        AnswerApprovalDto: {
            /**
             * @description One of the approval's options.
             * @example approve
             */
            option: string;
            /** @description Values of the approval's form fields (defaults fill the ones left out). */
            form?: {
                [key: string]: unknown;
            };
            /**
             * @description Where the answer comes from, for the audit log: `console` or `api` (the default).
             * @enum {string}
             */
            via?: "api" | "console";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupResponse"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The email or the tenant slug is taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many sign-ups from this address or on the platform: `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Wrong email or password. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many failed log-ins: `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionTokens"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The refresh token is unknown, spent or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The refresh token is unknown or spent. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeResponse"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_verifyEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The link is for another account: log in as the account that signed up with this address. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The link was already used or has expired. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_resendVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationSent"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_requestPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetRequested"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many requests: `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accounts_confirmPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The link was already used or has expired. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accountSessions_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountSessionList"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accountSessions_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accountSessions_logoutEverywhere: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    accountSessions_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Asked with an API token: log in. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many wrong passwords: `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_pending: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_lookup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPreview"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    invitations_accept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationAccepted"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The link was already used or has expired. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    devMailbox_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DevMailList"];
                };
            };
            /** @description No local mail catcher is configured (DEV_MAILBOX_URL), or this is production. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The local mail catcher does not answer. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    auditLog_list: {
        parameters: {
            query?: {
                /** @description The actor's email or user id. */
                actor?: string;
                /** @description Exactly as listed, e.g. `POST /auth/login` or `POST /tenants/:tenant/dags/:dagId/dagRuns`. */
                action?: string;
                outcome?: "error" | "failure" | "success";
                from?: string;
                to?: string;
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEntryPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `audit:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    bundles_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundlePage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `bundles:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    bundles_upload: {
        parameters: {
            query?: {
                wait?: boolean;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The bundle: a .tar.gz or .zip with updraft.json.
                     */
                    file: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `bundles:deploy`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The archive is larger than MAX_BUNDLE_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many bundle uploads for this tenant this minute (BUNDLE_UPLOADS_PER_TENANT_PER_MINUTE); `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    bundles_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `bundles:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    bundles_rollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `bundles:deploy`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description That version cannot be made active (it failed to parse, or is active already). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_list: {
        parameters: {
            query?: {
                /** @description Part of the DAG id or description, any case */
                search?: string;
                /** @description Comma-separated tags; DAGs carrying any of them */
                tags?: string[];
                team?: string;
                /** @description DAGs with a task of this owner */
                owner?: string;
                paused?: boolean;
                lastRunState?: "failed" | "queued" | "running" | "success";
                sort?: "-dagId" | "-lastRun" | "-nextRun" | "dagId" | "lastRun" | "nextRun";
                /** @description How many of each DAG's newest runs to include (0-25) */
                recentRuns?: number;
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagListPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDagDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_source: {
        parameters: {
            query?: {
                /** @description Show the source at the DAG version this run pinned */
                runId?: string;
                /** @description Show the source at this DAG version (an id from the versions list) */
                versionId?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagSource"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_grid: {
        parameters: {
            query?: {
                /** @description How many of the newest runs (1-100) */
                runs?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GridData"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagVersionView"][];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dags_diff: {
        parameters: {
            query: {
                /** @description The older DAG version id */
                from: string;
                /** @description The newer DAG version id */
                to: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagVersionDiff"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dagRuns_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                state?: "failed" | "queued" | "running" | "success";
                runType?: "asset_triggered" | "backfill" | "manual" | "scheduled";
                /** @description Runs whose logical date is at or after this instant (ISO 8601). */
                logicalDateFrom?: string;
                /** @description Runs whose logical date is before this instant (ISO 8601). */
                logicalDateTo?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagRunPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dagRuns_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TriggerDagRunDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagRun"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `dags:trigger`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A run with the same logical date exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dagRuns_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagRun"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dagRuns_mark: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkStateDto"];
            };
        };
        responses: {
            /** @description The run after the mark, or (with `dryRun`) the task instances the mark would change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagRun"] | components["schemas"]["MarkPreview"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    dagRuns_clear: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClearTaskInstancesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClearResult"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    tenantRuns_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                state?: "failed" | "queued" | "running" | "success";
                runType?: "asset_triggered" | "backfill" | "manual" | "scheduled";
                /** @description Runs whose logical date is at or after this instant (ISO 8601). */
                logicalDateFrom?: string;
                /** @description Runs whose logical date is before this instant (ISO 8601). */
                logicalDateTo?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DagRunPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    backfills_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    backfills_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBackfillDto"];
            };
        };
        responses: {
            /** @description With `dryRun`: the runs it would create, reprocess and skip. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillPlan"];
                };
            };
            /** @description The backfill with its runs. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillCreated"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    backfills_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                backfillId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backfill"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    pools_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `pools:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    pools_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePoolDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `pools:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A pool with that name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    pools_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `pools:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    pools_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `pools:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    pools_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePoolDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pool"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `pools:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskInstancePage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_get: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskInstance"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_mark: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MarkStateDto"];
            };
        };
        responses: {
            /** @description The task instance after the mark, or (with `dryRun`) the task instances the mark would change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskInstance"] | components["schemas"]["MarkPreview"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_triesOf: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskTryList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_dependenciesOf: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDependencies"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_logsOf: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
                /** @description The `next` of the page before; default: from the first line. */
                after?: string;
                /** @description At most this many lines in the page. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
                /** @description The try number, from 1. */
                try: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskLog"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `logs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_streamLogs: {
        parameters: {
            query?: {
                /** @description A mapped task's instance; default -1, the task unmapped. */
                mapIndex?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
                /** @description The try number, from 1. */
                try: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`: `message` events whose `data` is a `TaskLogLine` as JSON (`{ "timestamp": ISO 8601, "stream": "stdout" | "stderr" | "system", "message": string }`), then, once the try is over, one `end` event whose `data` is `{ "state": <the task instance state> }`; the server then closes the stream. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example data: {"timestamp":"2024-01-01T00:00:01.000Z","stream":"stdout","message":"fetching"}
                     *
                     *     event: end
                     *     data: {"state":"success"}
                     */
                    "text/event-stream": string;
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `logs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    taskInstances_xcomEntries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                /** @description The DAG id, as the DAG file names it. */
                dagId: string;
                /** @description The run id (for example `manual__2024-01-01T00:00:00+00:00`); encode it whole, it holds ':' and '+'. */
                runId: string;
                /** @description The task id within the DAG. */
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["XComEntryList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    tenantSettings_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettings"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Asked with an API token: the settings page is for people, or the role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    tenantSettings_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantSettings"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Asked with an API token, or the role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    tenantSettings_retention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantRetention"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `tenant:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    tenantSettings_setRetention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantRetentionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantRetention"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The role lacks the permission. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    members_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantMemberList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `tenant:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    members_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The tenant would have no owner left. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    members_changeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantMemberView"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `members:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The tenant would have no owner left. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTeamDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A team with that name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                team: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTeamDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_setMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                team: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetTeamMemberDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    teams_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                team: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `teams:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    apiTokens_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiTokenList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `tokens:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    apiTokens_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiTokenDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiToken"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `tokens:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    apiTokens_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `tokens:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    variables_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only the rows whose key contains this (any case). */
                search?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VariablePage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `variables:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    variables_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVariableDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Variable"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `variables:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A variable with that key exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    variables_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Variable"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `variables:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    variables_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `variables:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    variables_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateVariableDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Variable"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `variables:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description Only the rows whose key contains this (any case). */
                search?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConnectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A connection with that id exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                connId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                connId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                connId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    connections_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                connId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionTestResult"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `connections:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannelPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannelDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannel"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A channel with that name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannel"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateChannelDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationChannel"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A channel with that name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationChannels_test: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelTestResult"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    notificationDeliveries_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                channelId?: string;
                status?: "abandoned" | "failed" | "sent";
                kind?: "deadline_miss" | "incident" | "incident_escalation" | "on_failure" | "on_retry" | "on_success" | "sla_miss" | "test";
                /** @description The deliveries of one notification, e.g. an SLA miss's `notificationKey`. */
                notificationKey?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDeliveryPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `channels:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    assets_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `assets:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    assets_events: {
        parameters: {
            query: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description The asset's URI. */
                uri: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetEventPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `assets:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    assets_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAssetEventDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedAssetEvent"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `assets:emit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No DAG of the tenant names the asset and it has no events. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    assets_queued: {
        parameters: {
            query?: {
                /** @description Only the events of this asset. */
                uri?: string;
                /** @description Only the events waiting for this DAG. */
                dagId?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueuedAssetEventList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `assets:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhooks_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `webhooks:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `webhooks:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The DAG does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A webhook with that name exists. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhooks_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `webhooks:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No such webhook. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhooks_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `webhooks:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No such webhook. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhooks_deliveries: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `webhooks:manage`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No such webhook. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    webhookCalls_call: {
        parameters: {
            query?: never;
            header: {
                /** @description sha256=<hex HMAC-SHA256 of "<timestamp>.<body>"> */
                "x-updraft-signature": string;
                /** @description Unix time in seconds */
                "x-updraft-timestamp": string;
                /** @description unique per delivery (idempotency key) */
                "x-updraft-delivery": string;
            };
            path: {
                slug: string;
                hook: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookCallResult"];
                };
            };
            /** @description No or a bad delivery id, a body that is not a JSON object, or a conf the DAG refuses. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description A bad signature, or a timestamp outside the window. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No such webhook. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than WEBHOOK_MAX_BODY_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Too many calls to this hook: `Retry-After` says when to try again. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    slaMisses_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                dagId?: string;
                /** @description The run id (not encoded). */
                runId?: string;
                taskId?: string;
                /** @description `sla` for task SLA misses, `deadline` for DAG deadline misses. */
                kind?: "deadline" | "sla";
                /** @description Misses detected at or after this time. */
                from?: string;
                /** @description Misses detected before this time. */
                to?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaMissPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    incidents_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description `unresolved` is open or acknowledged. */
                state?: "acknowledged" | "open" | "resolved" | "unresolved";
                dagId?: string;
                severity?: "critical" | "high" | "low";
                rule?: "deadline" | "failure" | "sla";
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `incidents:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    incidents_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `incidents:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    incidents_acknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `incidents:respond`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The incident is acknowledged or resolved already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    incidents_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveIncidentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `incidents:respond`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The incident is resolved already. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    incidents_addNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                incidentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentNoteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentDetail"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `incidents:respond`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    approvals_list: {
        parameters: {
            query?: {
                /** @description How many items to return. */
                limit?: number;
                /** @description How many items to skip. */
                offset?: number;
                /** @description `pending`, `answered` or `timed_out`. */
                state?: "answered" | "pending" | "timed_out";
                /** @description `true`: only questions the caller must answer (the "Needs my answer" inbox, with `state=pending`). */
                mine?: "false" | "true";
                dagId?: string;
                /** @description The run id (not encoded); with `dagId`. */
                runId?: string;
            };
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalPage"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    approvals_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:read`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
    approvals_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant's slug (as in `GET /auth/me`). */
                tenant: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerApprovalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description The request is invalid: `details` names each bad field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description No valid access token or API token. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not a member of the tenant, or the role (or the API token's scopes) lacks `runs:edit`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Not found (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description Answered already, or timed out. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is larger than the configured limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description The body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
            /** @description An unexpected error; the server logs it, the answer says no more. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorBody"];
                };
            };
        };
    };
}
