# calendar messages
