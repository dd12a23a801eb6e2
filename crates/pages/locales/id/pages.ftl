# pages messages
