import { BaseServiceConfig } from '@xb/service-kit';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The training service's environment, validated once at boot. Nothing else in this app reads `process.env`. */
export class TrainingConfig extends BaseServiceConfig {
  /** Interval of the deadline sweep (submits attempts still open at their deadline); 0 disables the timer (run-now still works). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  TRAINING_SWEEP_INTERVAL_MS: number = 1_000;

  /** Grace after the deadline for answers already on the wire (ms): saves and submits within it are accepted. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  TRAINING_ANSWER_GRACE_MS: number = 2_000;
}
