import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthSessionEntity, RefreshTokenEntity } from '../entities/auth-session.entity';

export type RefreshOutcome =
  | { kind: 'rotated'; sessionId: string; userId: string }
  | { kind: 'unknown' | 'expired' | 'revoked' }
  | { kind: 'reused'; sessionId: string };

/**
 * Log-in sessions and their rotating refresh tokens (stored as SHA-256 hashes). A refresh token
 * is good once: presenting one that was already rotated means it was copied, so the whole
 * session (every token of that log-in) is revoked.
 */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async start(input: {
    userId: string;
    ip: string | null;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<AuthSessionEntity> {
    return this.db.transaction(async (tx) => {
      const session = await tx.save(tx.create(AuthSessionEntity, { userId: input.userId, ip: input.ip }));
      await tx.save(
        tx.create(RefreshTokenEntity, {
          sessionId: session.id,
          tokenHash: input.tokenHash,
          expiresAt: input.expiresAt,
        }),
      );
      return session;
    });
  }

  /** Swaps a refresh token for its successor in one transaction (row-locked, so two concurrent uses cannot both win). */
  async rotate(tokenHash: string, next: { tokenHash: string; expiresAt: Date }): Promise<RefreshOutcome> {
    return this.db.transaction(async (tx) => {
      const rows: {
        id: string;
        session_id: string;
        user_id: string;
        expires_at: Date;
        rotated_at: Date | null;
        revoked_at: Date | null;
      }[] = await tx.query(
        `SELECT r.id, r.session_id, s.user_id, r.expires_at, r.rotated_at, s.revoked_at
           FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
          WHERE r.token_hash = $1 FOR UPDATE OF r, s`,
        [tokenHash],
      );
      const token = rows[0];
      if (!token) return { kind: 'unknown' };
      if (token.revoked_at) return { kind: 'revoked' };
      if (token.rotated_at) {
        await tx.query(
          `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1`,
          [token.session_id],
        );
        return { kind: 'reused', sessionId: token.session_id };
      }
      if (token.expires_at.getTime() <= Date.now()) return { kind: 'expired' };
      await tx.query(`UPDATE refresh_token SET rotated_at = now() WHERE id = $1`, [token.id]);
      await tx.save(
        tx.create(RefreshTokenEntity, {
          sessionId: token.session_id,
          tokenHash: next.tokenHash,
          expiresAt: next.expiresAt,
        }),
      );
      return { kind: 'rotated', sessionId: token.session_id, userId: token.user_id };
    });
  }

  /** Ends the session this refresh token belongs to; false when the token is unknown. */
  async revokeByToken(tokenHash: string, reason: string): Promise<boolean> {
    const [{ found }] = await this.db.query(
      `WITH target AS (SELECT session_id FROM refresh_token WHERE token_hash = $1),
            revoked AS (UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id IN (SELECT session_id FROM target) AND revoked_at IS NULL)
       SELECT count(*)::int AS found FROM target`,
      [tokenHash, reason],
    );
    return found > 0;
  }

  async revokeAllOf(userId: string, reason: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  /** The user behind an access token (and its session), if the token's session is still live. */
  async liveUser(userId: string, sessionId: string): Promise<{ id: string; email: string; sessionId: string } | null> {
    const rows = await this.db.query(
      `SELECT u.id, u.email, s.id AS "sessionId" FROM app_user u JOIN auth_session s ON s.user_id = u.id WHERE u.id = $1 AND s.id = $2 AND s.revoked_at IS NULL`,
      [userId, sessionId],
    );
    return rows[0] ?? null;
  }

  /** The user's sessions that can still be refreshed, newest use first. */
  async live(userId: string): Promise<{ id: string; ip: string | null; createdAt: Date; lastUsedAt: Date }[]> {
    return this.db.query(
      `SELECT s.id, s.ip, s.created_at AS "createdAt", max(r.created_at) AS "lastUsedAt"
         FROM auth_session s JOIN refresh_token r ON r.session_id = s.id
        WHERE s.user_id = $1 AND s.revoked_at IS NULL
        GROUP BY s.id
       HAVING bool_or(r.rotated_at IS NULL AND r.expires_at > now())
        ORDER BY max(r.created_at) DESC`,
      [userId],
    );
  }

  /** Revokes one session of this user; false when the user has no such live session. */
  async revokeOne(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const [, count] = await this.db.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3 WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL`,
      [userId, sessionId, reason],
    );
    return count > 0;
  }

  /** Revokes every session of the user but `keep` (the one changing the password stays logged in). */
  async revokeOthers(userId: string, keep: string, reason: string, tx: EntityManager = this.db.manager): Promise<void> {
    await tx.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL`,
      [userId, keep, reason],
    );
  }
}
