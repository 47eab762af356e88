import { Injectable } from '@nestjs/common';
import {
  ConnectionRepository,
  connectionSecretBinding,
  TaskInstanceEntity,
  variableSecretBinding,
  VariableRepository,
  XComRepository,
} from '@updraft/persistence';
import type { PlatformCall } from '@updraft/sandbox';
import type { SerializedTask, TaskConnection } from '@updraft/sdk';
import { SecretBox } from '@updraft/secrets';
import { AssetOutlets } from '../assets/asset-outlets.service';
import type { LogSink } from '../task-execution/log-sink';

/**
 * Answers what tenant code asks of the platform, always for the try's own tenant (and run, for
 * XCom). Secrets are decrypted here, per call, and masked in the try's log from then on.
 */
@Injectable()
export class PlatformCalls {
  constructor(
    private readonly xcoms: XComRepository,
    private readonly variables: VariableRepository,
    private readonly connections: ConnectionRepository,
    private readonly box: SecretBox,
    private readonly outlets: AssetOutlets,
  ) {}

  async answer(ti: TaskInstanceEntity, call: PlatformCall, sink: LogSink, task?: SerializedTask): Promise<unknown> {
    switch (call.method) {
      case 'xcomPull':
        return this.xcoms.pull(ti.tenantId, ti.dagRunId, call.taskId, call.key);
      case 'getVariable':
        return this.variable(ti.tenantId, call.key, sink);
      case 'getConnection':
        return this.connection(ti.tenantId, call.connId, sink);
      case 'setOutletExtra':
        return this.outlets.setExtra(ti, task, call.uri, call.extra);
    }
  }

  async variable(tenantId: string, key: string, sink?: LogSink): Promise<string | null> {
    const variable = await this.variables.find(tenantId, key);
    if (!variable) return null;
    if (!variable.isSecret) return variable.value;
    const value = this.box.decrypt(variable.value, variableSecretBinding(tenantId, variable.id));
    sink?.mask(value);
    return value;
  }

  async connection(tenantId: string, connId: string, sink?: LogSink): Promise<TaskConnection | null> {
    const c = await this.connections.find(tenantId, connId);
    if (!c) return null;
    const password = c.password === null ? null : this.box.decrypt(c.password, connectionSecretBinding(tenantId, c.id));
    if (password !== null) sink?.mask(password);
    return {
      connId: c.connId,
      connType: c.connType,
      host: c.host,
      port: c.port,
      login: c.login,
      password,
      schema: c.schema,
      extra: c.extra,
    };
  }
}
