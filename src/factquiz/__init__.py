"""factquiz: source-checked facts, quizzes and a book."""
