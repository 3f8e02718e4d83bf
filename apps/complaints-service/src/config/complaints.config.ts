import { CHANNEL_KEYS, type Channel } from '@xb/contracts';
import { BaseServiceConfig } from '@xb/service-kit';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import type { DayCounting, TimeLimitPolicy } from '../time-limits/time-limits.js';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

const CHANNEL = `(?:${CHANNEL_KEYS.join('|')})`;
/** `hotline_12345=business,counter=calendar` (or empty). */
const COUNTING_LIST = new RegExp(`^(?:${CHANNEL}=(?:calendar|business)(?:,${CHANNEL}=(?:calendar|business))*)?$`);
/** `hotline_12345=5b,hotline_12363=10b,regulator_transfer=15c` (b = business days, c = calendar days; or empty). */
const LIMIT_LIST = new RegExp(`^(?:${CHANNEL}=\\d{1,3}[bc](?:,${CHANNEL}=\\d{1,3}[bc])*)?$`);

/**
 * The complaints service's environment, validated once at boot (`loadConfig`).
 * Nothing else in this app reads `process.env`.
 */
export class ComplaintsConfig extends BaseServiceConfig {
  /** AES-256-GCM key for customer PII at rest: base64 of exactly 32 random bytes (`openssl rand -base64 32`). */
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be the base64 encoding of exactly 32 bytes' })
  PII_ENCRYPTION_KEY: string;

  /** HMAC key for the customer key (repeat-complaint detection); never stored with the data. */
  @IsString()
  @MinLength(16, { message: 'PII_HASH_KEY must be at least 16 characters' })
  PII_HASH_KEY: string;

  /**
   * Day counting of the 15/30/60-day limit per channel: `channel=calendar|business`, comma
   * separated. Channels not named count calendar days.
   */
  @IsString()
  @Matches(COUNTING_LIST, { message: 'DAY_COUNTING must look like "hotline_12345=business,counter=calendar" with known channels' })
  DAY_COUNTING: string = '';

  /**
   * Report-back deadlines of transferred complaints: `channel=<days><b|c>` (b business days,
   * c calendar days). Defaults: 12345 — 5 business days; 12363 and regulator transfers — 10
   * business days. Override with what the transferring body actually demands.
   */
  @IsString()
  @Matches(LIMIT_LIST, { message: 'REPORT_BACK_LIMITS must look like "hotline_12345=5b,hotline_12363=10b" with known channels' })
  REPORT_BACK_LIMITS: string = 'hotline_12345=5b,hotline_12363=10b,regulator_transfer=10b';

  /** Same customer (customer_key) within this many days → flagged as a repeat complaint. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  REPEAT_WINDOW_DAYS: number = 180;

  /** Interval of the supervision job (督办: reminders, overdue escalation); 0 disables the timer (run-now still works). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  SUPERVISION_INTERVAL_MS: number = 60_000;

  /** Reminders this many days before due, comma separated. */
  @IsString()
  @Matches(/^\d{1,2}(,\d{1,2})*$/, { message: 'SUPERVISION_REMINDER_DAYS must be whole days, comma separated, e.g. "3,1"' })
  SUPERVISION_REMINDER_DAYS: string = '3,1';
}

/** The parsed time-limit configuration of the channels. */
export interface ChannelTimeLimits {
  countingFor(channel: Channel): DayCounting;
  /** The report-back limit of a transferred channel, or null. */
  reportBackFor(channel: Channel): TimeLimitPolicy | null;
  reminderDays: number[];
  repeatWindowDays: number;
}

export function channelTimeLimits(config: ComplaintsConfig): ChannelTimeLimits {
  const pairs = (text: string) => (text ? text.split(',').map((p) => p.split('=') as [Channel, string]) : []);
  const counting = new Map(pairs(config.DAY_COUNTING).map(([c, v]) => [c, v as DayCounting]));
  const reportBack = new Map(
    pairs(config.REPORT_BACK_LIMITS).map(([c, v]): [Channel, TimeLimitPolicy] => [c, { days: Number(v.slice(0, -1)), counting: v.endsWith('b') ? 'business' : 'calendar' }]),
  );
  const reminderDays = [...new Set(config.SUPERVISION_REMINDER_DAYS.split(',').map(Number).filter((n) => n > 0))].sort((a, b) => b - a);
  return {
    countingFor: (channel) => counting.get(channel) ?? 'calendar',
    reportBackFor: (channel) => reportBack.get(channel) ?? null,
    reminderDays,
    repeatWindowDays: config.REPEAT_WINDOW_DAYS,
  };
}
