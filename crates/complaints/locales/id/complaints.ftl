# complaints messages
