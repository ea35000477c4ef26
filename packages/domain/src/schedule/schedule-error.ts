/** Errors of stage lists and schedule inputs: a code for programs, a zh-CN message naming the stages. */

export type ScheduleErrorCode =
  | 'cycle'
  | 'unknown_stage'
  | 'duplicate_stage'
  | 'invalid_stage'
  | 'missing_target'
  | 'invalid_date'
  | 'impossible_actual'
  | 'beyond_calendar';

export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    message: string,
    /** Keys of the stages the message is about. */
    readonly stages: string[] = [],
    /** What the message is made from (names, dates), for a caller wording it in another language. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'ScheduleError';
  }
}
