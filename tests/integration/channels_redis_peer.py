#!/usr/bin/python3
"""A Django Channels peer for tst_redis: Debian's channels_redis (RedisPubSubChannelLayer) and
Python's msgpack, as a Django app with CypartaGraphqlSubscriptionsTools uses them.

  send REDIS_URL GROUP VALUE_JSON [--raw] [--bytes-field NAME] [--prefix P]
      group_send(GROUP, {"type": "subscription.triggered", "value": VALUE, "group": GROUP}),
      as trigger_subscription does; --raw PUBLISHes msgpack.packb() of it with redis-py instead.
      --bytes-field NAME adds a Python bytes value b"\\x00\\xffhi" under NAME.
  receive REDIS_URL GROUP [--raw] [--prefix P]
      Joins GROUP as a consumer would, prints "ready", then prints the first message received as
      JSON: {"message": <the dict the consumer gets>} (--raw: also "packb_identical", whether
      msgpack.packb() of the decoded dict gives back the very bytes Subscope published).
"""
import argparse
import asyncio
import json
import os
import sys

import msgpack
import redis
from channels_redis.pubsub import RedisPubSubChannelLayer


def message_for(group, value):
    return {"type": "subscription.triggered", "value": value, "group": group}


async def send(args):
    value = json.loads(args.value)
    if args.bytes_field:
        value[args.bytes_field] = b"\x00\xffhi"
    message = message_for(args.group, value)
    if args.raw:
        channel = f"{args.prefix}__group__{args.group}"
        redis.Redis.from_url(args.url).publish(channel, msgpack.packb(message))
        return
    layer = RedisPubSubChannelLayer(hosts=[args.url], prefix=args.prefix)
    await layer.group_send(args.group, message)


async def receive(args):
    if args.raw:
        pubsub = redis.Redis.from_url(args.url).pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(f"{args.prefix}__group__{args.group}")
        pubsub.get_message(timeout=1)  # the subscribe confirmation
        print("ready", flush=True)
        while True:
            got = pubsub.get_message(timeout=10)
            if got is None:
                sys.exit("no message within 10 s")
            if got["type"] == "message":
                break
        data = got["data"]
        decoded = msgpack.unpackb(data)
        print(json.dumps({"message": decoded,
                          "packb_identical": msgpack.packb(decoded) == data}), flush=True)
        return
    layer = RedisPubSubChannelLayer(hosts=[args.url], prefix=args.prefix)
    channel = await layer.new_channel()
    await layer.group_add(args.group, channel)
    await asyncio.sleep(0.3)  # redis-py subscribes without waiting for the confirmation
    print("ready", flush=True)
    message = await asyncio.wait_for(layer.receive(channel), 10)
    print(json.dumps({"message": message}), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["send", "receive"])
    parser.add_argument("url")
    parser.add_argument("group")
    parser.add_argument("value", nargs="?")
    parser.add_argument("--raw", action="store_true")
    parser.add_argument("--bytes-field")
    parser.add_argument("--prefix", default="asgi")
    args = parser.parse_args()
    status = 0
    try:
        asyncio.run(send(args) if args.mode == "send" else receive(args))
    except BaseException as e:  # noqa: B036 (SystemExit included)
        print(f"channels_redis_peer: {e!r}", file=sys.stderr)
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    # channels_redis 4.0 leaves its reader task behind, and the interpreter would wait for it.
    os._exit(status)


main()
