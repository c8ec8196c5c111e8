import type { JobStatus } from '../../../shared/vocab/jobs';
import { JOB_STATUS_LABELS, statusTone } from '../lib/jobs';

export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span className={`badge status-${statusTone(status)}`} data-testid="job-status">
      {JOB_STATUS_LABELS[status]}
    </span>
  );
}
