export * from './lib/channel-config';
export * from './lib/channel-vault';
export * from './lib/channel.service';
export * from './lib/notification-sender';
export * from './lib/notification.processor';
export * from './lib/notifications.module';
export * from './lib/notifier.service';
export * from './lib/sla-alert';
