#!/usr/bin/env sh
# Example SUT adapter: ocpp-harness runs this once per manual step with
#   OCPP_ACTION       plugIn | unplug | presentIdToken | reboot | csmsSend
#   OCPP_PARAMS       JSON, e.g. {"evseId":1,"connectorId":1} or {"message":"Reset","type":"Immediate"}
#   OCPP_CASE         the case id, OCPP_INSTRUCTION the human-readable instruction
# Exit 0 once the action has been started; any other exit makes the case inconclusive.
case "$OCPP_ACTION" in
  plugIn|unplug|presentIdToken|reboot)
    # e.g. call your EV simulator or lab relay controller here
    echo "not automated here: $OCPP_INSTRUCTION" >&2; exit 1 ;;
  csmsSend)
    # e.g. curl -fsS -X POST "https://csms.lab/api/stations/$STATION/commands" -d "$OCPP_PARAMS"
    echo "not automated here: $OCPP_INSTRUCTION" >&2; exit 1 ;;
  *) echo "unknown action $OCPP_ACTION" >&2; exit 1 ;;
esac
