import { ConnectionRepository, connectionSecretBinding, variableSecretBinding, VariableRepository } from '@updraft/persistence';
import type { SecretBox } from '@updraft/secrets';
import type { DataSource } from 'typeorm';

/**
 * Re-encrypts under the current key every secret variable and connection password written under
 * a retired one (after ENCRYPTION_KEY changed and the old key moved to ENCRYPTION_KEYS_RETIRED).
 * Idempotent: values already under the current key are left alone.
 */
export async function rotateSecrets(db: DataSource, box: SecretBox): Promise<{ variables: number; connections: number }> {
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
  return { variables: rotatedVariables, connections: rotatedConnections };
}
