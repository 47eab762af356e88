import { ChannelVault } from '@updraft/notifications';
import {
  ConnectionRepository,
  connectionSecretBinding,
  NotificationChannelEntity,
  variableSecretBinding,
  webhookSecretBinding,
  VariableRepository,
} from '@updraft/persistence';
import type { SecretBox } from '@updraft/secrets';
import type { DataSource } from 'typeorm';

/**
 * Re-encrypts under the current key every secret variable, connection password and notification
 * channel credential written under
 * a retired one (after ENCRYPTION_KEY changed and the old key moved to ENCRYPTION_KEYS_RETIRED).
 * Idempotent: values already under the current key are left alone.
 */
export async function rotateSecrets(
  db: DataSource,
  box: SecretBox,
): Promise<{ variables: number; connections: number; channels: number; webhooks: number }> {
  const variables = new VariableRepository(db);
  const connections = new ConnectionRepository(db);
  const reseal = (stored: string, binding: string) => box.encrypt(box.decrypt(stored, binding), binding);
  let rotatedVariables = 0;
  for (const variable of await variables.secrets()) {
    if (!box.needsRotation(variable.value)) continue;
    variable.value = reseal(variable.value, variableSecretBinding(variable.tenantId, variable.id));
    await variables.save(variable);
    rotatedVariables++;
  }
  let rotatedConnections = 0;
  for (const connection of await connections.withPasswords()) {
    if (!connection.password || !box.needsRotation(connection.password)) continue;
    connection.password = reseal(connection.password, connectionSecretBinding(connection.tenantId, connection.id));
    await connections.save(connection);
    rotatedConnections++;
  }
  const vault = new ChannelVault(box);
  const channels = db.getRepository(NotificationChannelEntity);
  let rotatedChannels = 0;
  for (const channel of await channels.find()) {
    if (!channel.secrets || !box.needsRotation(channel.secrets)) continue;
    channel.secrets = vault.seal(
      channel.tenantId,
      channel.name,
      vault.open(channel.tenantId, channel.name, channel.secrets),
    );
    await channels.update({ id: channel.id, tenantId: channel.tenantId }, { secrets: channel.secrets });
    rotatedChannels++;
  }
  let rotatedWebhooks = 0;
  for (const hook of await db.query(`SELECT id, tenant_id, secret FROM webhook`)) {
    if (!box.needsRotation(hook.secret)) continue;
    const binding = webhookSecretBinding(hook.tenant_id, hook.id);
    await db.query(`UPDATE webhook SET secret = $3 WHERE tenant_id = $1 AND id = $2`, [
      hook.tenant_id,
      hook.id,
      reseal(hook.secret, binding),
    ]);
    rotatedWebhooks++;
  }
  return {
    variables: rotatedVariables,
    connections: rotatedConnections,
    channels: rotatedChannels,
    webhooks: rotatedWebhooks,
  };
}
