/** Redis (Jedis) implementations of the core's ports; every key comes from {@link RedisKeys}. */
package kring.storage;
