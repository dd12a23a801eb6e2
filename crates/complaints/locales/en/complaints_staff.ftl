# complaints: staff pages
