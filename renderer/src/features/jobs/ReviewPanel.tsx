import { useState } from 'react';
import type { Request } from '../../../../shared/ipc/contract';

type Review = Request<'jobs.review'>;
/** A review without the job id (distributes over the action union). */
export type Decision = Review extends infer R ? (R extends Review ? Omit<R, 'job_id'> : never) : never;

/** The reviewer's decision on a job that could not get on brand by itself. */
export function ReviewPanel({ busy, onReview }: { busy: boolean; onReview(review: Decision, message: string): void }) {
  const [instruction, setInstruction] = useState('');
  return (
    <section className="panel review-actions" aria-labelledby="review-actions-title">
      <h2 id="review-actions-title">Your decision</h2>
      <p className="muted small">Mobius could not get this image fully on brand by itself. The best version is selected.</p>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => onReview({ action: 'approve' }, 'Approved')}>
          Approve
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onReview({ action: 'regenerate' }, 'Generating a fresh image')}>
          Regenerate
        </button>
        <button type="button" className="ghost danger" disabled={busy} onClick={() => onReview({ action: 'reject' }, 'Rejected')}>
          Reject
        </button>
      </div>
      <form
        className="tweak-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (instruction.trim()) onReview({ action: 'tweak', instruction: instruction.trim() }, 'Tweaking the image');
        }}
      >
        <label className="grow">
          <span>Tweak with an instruction</span>
          <input value={instruction} onChange={(e) => setInstruction(e.target.value)} placeholder="e.g. make the background Paper White" maxLength={2000} disabled={busy} />
        </label>
        <button type="submit" className="secondary" disabled={busy || !instruction.trim()}>
          Tweak
        </button>
      </form>
    </section>
  );
}
