import { Type } from 'class-transformer';
import { IsNumber, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** The browser's keys for the message encryption (RFC 8291), base64url as PushSubscription.toJSON() gives them. */
export class PushKeysBody {
  /** An uncompressed P-256 public key: 65 bytes, 87 characters. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{86,88}={0,2}$/) p256dh: string;
  /** 16 random bytes: 22 characters. */
  @IsString() @Matches(/^[A-Za-z0-9_-]{21,24}={0,2}$/) auth: string;
}

export class PushSubscriptionBody {
  @IsString() @MaxLength(2000) endpoint: string;
  @IsOptional() @IsNumber() expirationTime?: number | null;
  @IsObject() @ValidateNested() @Type(() => PushKeysBody) keys: PushKeysBody;
}

/** POST /push/langganan: the subscription, and for an anonymous reporter the report's ticket and tracking token. */
export class SubscribeBody {
  @IsObject() @ValidateNested() @Type(() => PushSubscriptionBody) subscription: PushSubscriptionBody;
  @IsOptional() @IsString() @MaxLength(40) ticket?: string;
  @IsOptional() @IsString() @MaxLength(100) token?: string;
}
