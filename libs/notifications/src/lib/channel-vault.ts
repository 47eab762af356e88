import { Injectable } from '@nestjs/common';
import { SecretBox } from '@updraft/secrets';
import type { ChannelSecrets } from './channel-config';

/** Encrypts a channel's secrets bound to its tenant and name, so a ciphertext copied to another row does not open. */
@Injectable()
export class ChannelVault {
  constructor(private readonly box: SecretBox) {}

  seal(tenantId: string, channelName: string, secrets: ChannelSecrets): string | null {
    return Object.keys(secrets).length === 0
      ? null
      : this.box.encrypt(JSON.stringify(secrets), this.associatedData(tenantId, channelName));
  }

  open(tenantId: string, channelName: string, sealed: string | null): ChannelSecrets {
    return sealed
      ? (JSON.parse(this.box.decrypt(sealed, this.associatedData(tenantId, channelName))) as ChannelSecrets)
      : {};
  }

  private associatedData(tenantId: string, channelName: string): string {
    return `tenant:${tenantId}:notification-channel:${channelName}`;
  }
}
