const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, valid Discord snowflake (the stand-in's and the factory's ids must parse as real ones). */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment);
}
