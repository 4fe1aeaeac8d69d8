from opera.cli import main

main()
