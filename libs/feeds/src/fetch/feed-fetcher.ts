import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, request } from 'undici';
import { FeedsSettings } from '../feeds.settings';
import { AddressPolicy } from './address-policy';
import { FeedFailure } from './feed-failure';

const MAX_REDIRECTS = 5;

/** A source's answer: the bytes as sent, with what the server said about them. */
export interface FetchedBody {
  bytes: Buffer;
  contentType: string;
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Fetches a source with the limits a hostile one must not get past: one
 * deadline for every redirect and the whole body, a byte ceiling counted while
 * streaming (a huge or endless body is cut off), redirects followed by hand
 * (at most five, http(s) only) and every address connected to checked after
 * DNS resolution, so neither the URL nor a redirect nor a DNS answer reaches a
 * private or loopback address unless the operator allows it.
 */
@Injectable()
export class FeedFetcher implements OnModuleDestroy {
  private readonly policy: AddressPolicy;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly settings: FeedsSettings) {
    this.policy = new AddressPolicy(settings.FEEDS_ALLOW_PRIVATE_HOSTS);
  }

  async fetch(url: string): Promise<FetchedBody> {
    const timeoutMs = this.settings.FEEDS_TIMEOUT_SECONDS * 1000;
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new FeedFailure('timeout', `no complete answer within ${this.settings.FEEDS_TIMEOUT_SECONDS} s`)),
      timeoutMs,
    );
    this.inFlight.add(abort);
    // The refused address, when the guarded lookup refused one (undici wraps the lookup's error).
    const refused: { host?: string; address?: string } = {};
    const agent = new Agent({
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: Math.min(timeoutMs, 10_000),
      connect: { lookup: this.guardedLookup(refused) },
    });
    try {
      let current = this.checkUrl(url);
      for (let hop = 0; ; hop++) {
        const literal = current.hostname.replace(/^\[|\]$/g, '');
        if (isIP(literal) && !this.policy.permits(literal))
          throw new FeedFailure('private-address', `${literal} is a private or loopback address`);
        const res = await request(current, {
          dispatcher: agent,
          method: 'GET',
          signal: abort.signal,
          headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.1', 'user-agent': 'Replika-feeds/1 (+https://github.com/replika)' },
        });
        if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
          discard(res.body);
          if (hop >= MAX_REDIRECTS) throw new FeedFailure('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, res.statusCode);
          current = this.checkUrl(String(res.headers.location), current);
          continue;
        }
        if (res.statusCode < 200 || res.statusCode >= 300) {
          discard(res.body);
          throw new FeedFailure('http-status', `the source answered ${res.statusCode}`, res.statusCode);
        }
        const contentType = String(res.headers['content-type'] ?? '');
        const bytes = await this.readBody(res.body, Number(res.headers['content-length'] ?? NaN));
        return { bytes, contentType, status: res.statusCode, url: current.toString() };
      }
    } catch (error) {
      throw this.failureOf(error, abort, refused);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
      void agent.destroy().catch(() => undefined);
    }
  }

  /** On shutdown: pulls in flight stop now instead of outliving the database. */
  onModuleDestroy(): void {
    for (const abort of this.inFlight) abort.abort(new FeedFailure('timeout', 'the platform is shutting down'));
  }

  private checkUrl(raw: string, base?: URL): URL {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      throw new FeedFailure('bad-url', base ? 'a redirect to an invalid URL' : 'not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFailure('bad-url', `${url.protocol} URLs are not fetched`);
    if (url.username || url.password) throw new FeedFailure('bad-url', 'URLs with credentials are not fetched');
    return url;
  }

  private async readBody(body: AsyncIterable<Buffer> & { dump(): Promise<void> }, declared: number): Promise<Buffer> {
    const max = this.settings.FEEDS_MAX_BYTES;
    if (Number.isFinite(declared) && declared > max) {
      discard(body);
      throw new FeedFailure('too-large', `the source announces ${declared} bytes, more than ${max}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      // Throwing ends the iteration, which destroys the stream: nothing more is read.
      if (size > max) {
        throw new FeedFailure('too-large', `the body passed ${max} bytes and was cut off`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  private guardedLookup(refused: { host?: string; address?: string }) {
    return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, []);
        const list = addresses;
        const bad = list.find((a) => !this.policy.permits(a.address));
        if (bad) {
          refused.host = hostname;
          refused.address = bad.address;
          const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, a private or loopback address`);
          e.code = 'EFEEDPRIVATE';
          return callback(e, []);
        }
        if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        if (options.all) callback(null, list);
        else callback(null, list[0].address, list[0].family);
      });
    };
  }

  private failureOf(error: unknown, abort: AbortController, refused: { host?: string; address?: string }): FeedFailure {
    if (error instanceof FeedFailure) return error;
    if (abort.signal.aborted && abort.signal.reason instanceof FeedFailure) return abort.signal.reason;
    if (refused.address)
      return new FeedFailure('private-address', `${refused.host} resolves to ${refused.address}, a private or loopback address`);
    const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
    const code = e.code ?? e.cause?.code ?? '';
    if (/TIMEOUT/.test(code)) return new FeedFailure('timeout', `no answer in time (${code})`);
    return new FeedFailure('network', `${code || e.name}: ${String(e.cause?.message ?? e.message).slice(0, 300)}`);
  }
}

/** Lets go of a body not read (a redirect's, an error page's): a bounded drain, then the socket closes; errors are of no interest. */
function discard(body: { dump(): Promise<void> }): void {
  void body.dump().catch(() => undefined);
}
