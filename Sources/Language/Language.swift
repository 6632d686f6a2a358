/// Work in progress: the Language module is being built in this session.
enum LanguageModule {}
