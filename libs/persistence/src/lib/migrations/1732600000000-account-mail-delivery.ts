import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account mails (verification, password reset, invitation) leave through the notifications
 * queue: each token row keeps the delivery state of its mail, so a request never waits on SMTP
 * and the console can say whether the mail went out.
 */
export class AccountMailDelivery1732600000000 implements MigrationInterface {
  name = 'AccountMailDelivery1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE one_time_token
        ADD COLUMN mail_status text NOT NULL DEFAULT 'queued' CHECK (mail_status IN ('queued', 'sent', 'failed', 'abandoned')),
        ADD COLUMN mail_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN mail_error text,
        ADD COLUMN mail_sent_at timestamptz;
      UPDATE one_time_token SET mail_status = 'sent', mail_attempts = 1, mail_sent_at = created_at;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE one_time_token DROP COLUMN mail_status, DROP COLUMN mail_attempts, DROP COLUMN mail_error, DROP COLUMN mail_sent_at`,
    );
  }
}
