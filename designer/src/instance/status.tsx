// The instance status badge, shared by the list and the viewer.
import type { InstanceStatus } from '../api/types';
import { t, type MessageKey } from '../i18n';

const keys: Record<InstanceStatus, MessageKey> = {
  active: 'instanceStatus.active',
  incident: 'instanceStatus.incident',
  completed: 'instanceStatus.completed',
  terminated: 'instanceStatus.terminated',
};

export const INSTANCE_STATUSES = Object.keys(keys) as InstanceStatus[];

export function instanceStatusText(status: InstanceStatus): string {
  return t(keys[status]);
}

export function InstanceStatusBadge({ status }: { status: InstanceStatus }) {
  return <span class={`badge instance-status instance-status--${status}`} data-status={status}>{instanceStatusText(status)}</span>;
}
