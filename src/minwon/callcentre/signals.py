"""Hooks for other apps.

`call_ended_for_abuse(sender=Call, call=<Call>)` is sent inside the transaction that recorded the
call, after the row exists, so a receiver (minwon.care opening a 특이민원 incident) writes its rows
in the same transaction: the call and its incident commit together or not at all.

A receiver that returns something truthy says it has told the care officers itself; only when none
does, the call centre sends its own generic alert (so a city without minwon.care still hears).
"""

import django.dispatch

call_ended_for_abuse = django.dispatch.Signal()
