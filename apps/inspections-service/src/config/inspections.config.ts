import { BaseServiceConfig } from '@xb/service-kit';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The inspections service's environment, validated once at boot. Nothing else reads `process.env`. */
export class InspectionsConfig extends BaseServiceConfig {
  /** Visits per outlet and quarter the plan generator aims for (head office reports quarterly, branches check monthly). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(12)
  INSPECTION_VISITS_PER_QUARTER: number = 3;

  /** Default deadline of a red-line finding's rectification, in calendar days after acceptance. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  RED_LINE_FIX_DAYS: number = 7;

  /** Default deadline of any other finding's rectification, in calendar days. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(180)
  FIX_DAYS: number = 30;

  /** How often every instance tries the overdue pass (one runs it, under an advisory lock); 0 disables the timer. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  OVERDUE_INTERVAL_MS: number = 60_000;
}
