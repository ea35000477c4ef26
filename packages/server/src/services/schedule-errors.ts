/** The domain's schedule and calendar errors as API errors: 400 for bad plans, 422 for what the data cannot support. */
import { CalendarRangeError, ScheduleError } from '@guatu/domain';
import { AppError } from '../errors.ts';

export function asAppError(err: unknown): unknown {
  if (err instanceof CalendarRangeError)
    return new AppError('date_out_of_range', {
      reason: 'date',
      date: err.date,
      first: err.firstDate,
      last: err.lastDate,
    });
  if (err instanceof ScheduleError) {
    switch (err.code) {
      case 'missing_target':
        return new AppError('schedule_no_targets', {}, { reason: err.code });
      case 'beyond_calendar':
        return new AppError(
          'date_out_of_range',
          {
            reason: err.params.side === 'start' ? 'stage_start' : 'stage_end',
            stage: String(err.params.stage ?? ''),
            first: String(err.params.first ?? ''),
            last: String(err.params.last ?? ''),
          },
          { stages: err.stages },
        );
      case 'cycle':
      case 'unknown_stage':
      case 'duplicate_stage':
      case 'invalid_stage':
      case 'invalid_date':
      case 'impossible_actual': {
        // Worded from `schedule_invalid_<variant or code>` in the caller's language (messages/schedule.ts).
        const { variant, ...names } = err.params;
        return new AppError(
          'schedule_invalid',
          { ...names, detail: err.message, reason: String(variant ?? err.code) },
          { reason: err.code, stages: err.stages },
        );
      }
    }
  }
  return err;
}

/** Runs `fn`, turning the domain's errors into API errors. */
export function domainCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asAppError(err);
  }
}
