/**
 * The notice topic of one kind of write to one job ("job 42 status"): a failed write's notice
 * carries it, and the next write of that kind to that job that succeeds dismisses it.
 */
export function jobWriteTopic(jobId: number, write: "status" | "delete"): string {
  return `job ${jobId} ${write}`;
}
